package io.waypost.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The process's platform threads (counted by kind: their names without numbers) and open sockets at
 * one moment, for tests that check a unit closed whole, or swapped whole for another like it:
 * afterwards there are no more threads of any kind, and no more sockets, than before.
 */
public record ResourceLevels(Map<String, Integer> threads, int sockets) {

  public static ResourceLevels now() {
    Map<String, Integer> threads = new TreeMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      // Threads of the whole process, not of any unit: OkHttp's task runner (every HTTP client;
      // idle threads end by themselves), the JDK's process reapers (every child process) and its
      // Java2D disposer (started once, by the first screenshot).
      if (t.getName().startsWith("OkHttp TaskRunner")
          || t.getName().equals("process reaper")
          || t.getName().equals("Java2D Disposer")) {
        continue;
      }
      threads.merge(t.getName().replaceAll("[0-9]+", "#"), 1, Integer::sum);
    }
    return new ResourceLevels(Map.copyOf(threads), openSockets());
  }

  /** Waits until no kind of thread is more numerous than at this level, nor sockets. */
  public void awaitReturn(java.time.Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      ResourceLevels current = now();
      List<String> more =
          current.threads.entrySet().stream()
              .filter(e -> e.getValue() > threads.getOrDefault(e.getKey(), 0))
              .map(e -> e.getKey() + " " + threads.getOrDefault(e.getKey(), 0) + "→" + e.getValue())
              .toList();
      if (more.isEmpty() && current.sockets <= sockets) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "Left behind after "
                + timeout
                + ": threads "
                + more
                + ", sockets "
                + sockets
                + "→"
                + current.sockets);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }

  private static int openSockets() {
    int count = 0;
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          if (Files.readSymbolicLink(fd).toString().startsWith("socket:")) {
            count++;
          }
        } catch (IOException e) {
          // closed meanwhile
        }
      }
    } catch (IOException e) {
      // not Linux: threads alone then
    }
    return count;
  }
}
