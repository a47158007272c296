package io.waypost.app.cli;

import io.waypost.core.discovery.DiscoveryNode;
import io.waypost.core.discovery.NodeKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Option;

/**
 * How a one-shot command stops its discovery node. The library closes the UDP socket at once, then
 * waits out Netty's 2 s quiet period before its event loop ends: a long-lived process must wait for
 * that (the console's switch counts threads), but a command that has printed its answer and is
 * about to exit need not. The stop runs on a daemon thread; the command waits for it only briefly,
 * and {@code WaypostMain}'s {@code System.exit} ends what is left of it.
 */
final class OneShot {

  /** Enough for the socket to close on loopback; the quiet period is what is left over. */
  private static final long WAIT_MILLIS = 250;

  private OneShot() {}

  /** A one-shot command's own discovery node: where it binds and how long it waits. */
  static final class NodeOptions {
    @Option(
        names = "--bind",
        defaultValue = "0.0.0.0",
        description = "Address for this command's own discovery node.")
    String bind;

    @Option(
        names = "--timeout",
        defaultValue = "5",
        paramLabel = "SECONDS",
        converter = Values.PositiveIntValue.class,
        description = "How long to wait for each answer.")
    int timeout;

    /** A node with a fresh key on a free port, joined through {@code bootnodes}; started. */
    DiscoveryNode start(List<String> bootnodes) throws Exception {
      DiscoveryNode.Builder builder =
          DiscoveryNode.builder()
              .nodeKey(NodeKey.generate(new SecureRandom()))
              .bind(bind, SupportCommands.freePort(bind))
              .requestTimeout(Duration.ofSeconds(timeout))
              .registrar(false); // gone in seconds: no ads should be placed on it
      for (String bootnode : bootnodes) {
        builder.bootnode(bootnode);
      }
      DiscoveryNode node = builder.build();
      try {
        node.start().join();
        return node;
      } catch (RuntimeException e) {
        close(node);
        throw e;
      }
    }
  }

  static void close(DiscoveryNode node) {
    CompletableFuture<Void> stopped = new CompletableFuture<>();
    Thread.ofPlatform()
        .daemon()
        .name("one-shot-stop")
        .start(
            () -> {
              try {
                node.close();
                stopped.complete(null);
              } catch (RuntimeException e) {
                stopped.completeExceptionally(e);
              }
            });
    try {
      stopped.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // Still in Netty's quiet period: the process exits around it.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException e) {
      // A failure to stop cleanly changes nothing for a command that has its answer.
    }
  }
}
