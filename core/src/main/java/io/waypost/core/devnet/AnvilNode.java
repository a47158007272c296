package io.waypost.core.devnet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real anvil node on a free loopback port. The binary itself is started (not an npm launcher) so
 * that its PID is anvil's and stopping it stops the chain. A JVM shutdown hook stops it too.
 */
public final class AnvilNode implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AnvilNode.class);
  private static final Pattern LISTENING = Pattern.compile("Listening on ([0-9.]+):(\\d+)");

  /** How to start anvil. */
  public record Options(
      Path binary,
      long chainId,
      Optional<Path> stateFile,
      int port,
      Duration startTimeout,
      Optional<Duration> blockTime) {

    /** A free loopback port, chain id 31337, no saved state, a block per transaction. */
    public static Options defaults(Path binary) {
      return new Options(
          binary, 31337, Optional.empty(), 0, Duration.ofSeconds(20), Optional.empty());
    }

    public Options withChainId(long id) {
      return new Options(binary, id, stateFile, port, startTimeout, blockTime);
    }

    /** anvil loads its state from this file at start and saves it there when stopped. */
    public Options withStateFile(Path file) {
      return new Options(binary, chainId, Optional.of(file), port, startTimeout, blockTime);
    }

    /** A fixed port, e.g. to restart a stopped node where its clients expect it. */
    public Options withPort(int fixedPort) {
      return new Options(binary, chainId, stateFile, fixedPort, startTimeout, blockTime);
    }

    /**
     * Mines a block every {@code interval} (whole seconds), like a real network, instead of one per
     * transaction: transactions wait in the pool and confirmations take time.
     */
    public Options withBlockTime(Duration interval) {
      return new Options(binary, chainId, stateFile, port, startTimeout, Optional.of(interval));
    }
  }

  private final Process process;
  private final Optional<Process> watchdog;
  private final String rpcUrl;
  private final Thread shutdownHook;

  private AnvilNode(Process process, Optional<Process> watchdog, String rpcUrl) {
    this.process = process;
    this.watchdog = watchdog;
    this.rpcUrl = rpcUrl;
    this.shutdownHook = new Thread(this::stopProcess, "anvil-shutdown-" + process.pid());
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts anvil and returns once it listens. */
  public static AnvilNode start(Options options) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(options.binary().toString());
    command.addAll(List.of("--host", "127.0.0.1", "--port", Integer.toString(options.port())));
    command.addAll(List.of("--chain-id", Long.toString(options.chainId())));
    options
        .blockTime()
        .ifPresent(t -> command.addAll(List.of("--block-time", Long.toString(t.toSeconds()))));
    options
        .stateFile()
        .ifPresent(file -> command.addAll(List.of("--state", file.toAbsolutePath().toString())));
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectInput(Redirect.PIPE).start();
    CompletableFuture<String> listening = new CompletableFuture<>();
    Thread.ofPlatform()
        .daemon()
        .name("anvil-output-" + process.pid())
        .start(() -> drainOutput(process, listening));
    try {
      String url = listening.get(options.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
      LOG.info("anvil (pid {}) listening at {}", process.pid(), url);
      return new AnvilNode(process, startWatchdog(process.pid()), url);
    } catch (TimeoutException | ExecutionException e) {
      process.destroyForcibly();
      throw new IOException(
          "anvil did not start listening within " + options.startTimeout() + ": " + e, e);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while starting anvil", e);
    }
  }

  /**
   * A shutdown hook does not run when the JVM is killed (SIGKILL, a crash), and anvil would live
   * on. So a tiny shell loop watches this JVM and stops anvil when the JVM is gone. POSIX only; on
   * Windows the shutdown hook is all there is.
   */
  private static Optional<Process> startWatchdog(long anvilPid) {
    if (System.getProperty("os.name", "")
        .toLowerCase(java.util.Locale.ROOT)
        .startsWith("windows")) {
      return Optional.empty();
    }
    long jvmPid = ProcessHandle.current().pid();
    String script =
        "while kill -0 \"$1\" 2>/dev/null && kill -0 \"$2\" 2>/dev/null; do sleep 1; done;"
            + " kill \"$2\" 2>/dev/null";
    try {
      Process watchdog =
          new ProcessBuilder(
                  "/bin/sh",
                  "-c",
                  script,
                  "anvil-watchdog",
                  Long.toString(jvmPid),
                  Long.toString(anvilPid))
              .redirectErrorStream(true)
              .redirectOutput(Redirect.DISCARD)
              .start();
      return Optional.of(watchdog);
    } catch (IOException e) {
      LOG.warn("No watchdog for anvil (pid {}): {}", anvilPid, e.getMessage());
      return Optional.empty();
    }
  }

  private static void drainOutput(Process process, CompletableFuture<String> listening) {
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        Matcher matcher = LISTENING.matcher(line);
        if (!listening.isDone() && matcher.find()) {
          listening.complete("http://" + matcher.group(1) + ":" + matcher.group(2));
        }
        LOG.debug("anvil: {}", line);
      }
    } catch (IOException e) {
      LOG.debug("anvil output closed: {}", e.toString());
    } finally {
      listening.completeExceptionally(
          new IOException("anvil exited with code " + exitCode(process) + " before listening"));
    }
  }

  private static String exitCode(Process process) {
    try {
      return process.waitFor(1, TimeUnit.SECONDS)
          ? Integer.toString(process.exitValue())
          : "(still running)";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "(unknown)";
    }
  }

  public String rpcUrl() {
    return rpcUrl;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Stops anvil: politely first, then forcibly. */
  @Override
  public void close() {
    stopProcess();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook is running or about to; it stops the same process.
    }
  }

  private void stopProcess() {
    watchdog.ifPresent(Process::destroy);
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
