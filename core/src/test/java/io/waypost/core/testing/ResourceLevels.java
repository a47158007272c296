package io.waypost.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The process's platform threads and open sockets at one moment, for tests that check a unit closed
 * whole: after close, both return to their level (sockets are counted from /proc/self/fd).
 */
public record ResourceLevels(Set<String> threads, Set<String> sockets) {

  public static ResourceLevels now() {
    Set<String> threads = new HashSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      // OkHttp's one task runner serves every client in the process (idle threads end after 60 s):
      // it belongs to no unit. Connections are closed by their owner, and their sockets counted.
      if (!t.getName().startsWith("OkHttp TaskRunner")) {
        threads.add(t.getName() + "#" + t.threadId());
      }
    }
    return new ResourceLevels(Set.copyOf(threads), openSockets());
  }

  /** Waits until no thread or socket is open that was not open at this level. */
  public void awaitReturn(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      ResourceLevels current = now();
      List<String> newThreads =
          current.threads.stream().filter(t -> !threads.contains(t)).sorted().toList();
      List<String> newSockets =
          current.sockets.stream().filter(s -> !sockets.contains(s)).sorted().toList();
      if (newThreads.isEmpty() && newSockets.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "Left behind after " + timeout + ": threads " + newThreads + ", sockets " + newSockets);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }

  private static Set<String> openSockets() {
    Set<String> out = new HashSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      fds.forEach(
          fd -> {
            try {
              String target = Files.readSymbolicLink(fd).toString();
              if (target.startsWith("socket:")) {
                out.add(target);
              }
            } catch (IOException e) {
              // closed meanwhile
            }
          });
    } catch (IOException e) {
      // not Linux: threads alone then
    }
    return Set.copyOf(out);
  }
}
