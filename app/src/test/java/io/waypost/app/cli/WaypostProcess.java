package io.waypost.app.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The waypost command line as a separate process: this build's main class on the test classpath.
 */
final class WaypostProcess {

  private WaypostProcess() {}

  /** {@code java … io.waypost.app.WaypostMain}, to which the command's arguments are added. */
  static List<String> java() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--enable-native-access=ALL-UNNAMED");
    for (String property : List.of("waypost.contracts.dir", "waypost.anvil")) {
      if (System.getProperty(property) != null) {
        command.add("-D" + property + "=" + System.getProperty(property));
      }
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.waypost.app.WaypostMain");
    return command;
  }

  /** Writes an executable {@code waypost} script into {@code dir} that runs {@link #java()}. */
  static void writeLauncher(Path dir) throws IOException {
    StringBuilder script = new StringBuilder("#!/usr/bin/env bash\nexec");
    java().forEach(part -> script.append(' ').append(quote(part)));
    script.append(" \"$@\"\n");
    Path launcher = dir.resolve("waypost");
    Files.writeString(launcher, script);
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** Starts {@code command} in {@code dir} with {@code env} added, stderr merged into stdout. */
  static Process start(List<String> command, Path dir, Map<String, String> env, boolean merge)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.redirectErrorStream(merge);
    if (!merge) {
      builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    }
    builder.environment().putAll(env);
    return builder.start();
  }

  /** Reads the process's output into {@code lines}; completes at its end. */
  static CompletableFuture<Void> read(Process process, LinkedBlockingQueue<String> lines) {
    return CompletableFuture.runAsync(
        () -> {
          try (BufferedReader reader =
              new BufferedReader(
                  new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
              lines.add(line);
            }
          } catch (IOException ignored) {
            // the process is gone
          }
        },
        Thread::startVirtualThread);
  }

  /** SIGTERM, then SIGKILL if it has not stopped within {@code seconds}. */
  static void stop(Process process, int seconds) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /**
   * Takes lines into {@code seen} until one is {@code wanted}; fails naming {@code what} and every
   * line seen if none is within {@code seconds}.
   */
  static void await(
      LinkedBlockingQueue<String> lines,
      List<String> seen,
      int seconds,
      String what,
      java.util.function.Predicate<String> wanted)
      throws InterruptedException {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(seconds).toNanos();
    while (System.nanoTime() < deadline) {
      String line = lines.poll(100, TimeUnit.MILLISECONDS);
      if (line != null) {
        seen.add(line);
        if (wanted.test(line)) {
          return;
        }
      }
    }
    throw new AssertionError(
        "No line showed " + what + " within " + seconds + " s; printed: " + seen);
  }

  private static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
