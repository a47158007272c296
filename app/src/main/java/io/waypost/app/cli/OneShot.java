package io.waypost.app.cli;

import io.waypost.core.discovery.DiscoveryNode;
import io.waypost.core.discovery.NodeKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * How a one-shot command stops its discovery node. The library closes the UDP socket at once, then
 * waits out Netty's 2 s quiet period before its event loop ends: a long-lived process must wait for
 * that (the console's switch counts threads), but a command that has printed its answer and is
 * about to exit need not. The stop runs on a daemon thread and the command does not wait for it:
 * {@code WaypostMain}'s {@code System.exit} ends what is left of it, and the operating system
 * closes the socket with the process. Nothing of the node is kept, so nothing can be lost. (It
 * waited 250 ms for the socket to close; that was an eighth of {@code verify}'s wall time.)
 */
final class OneShot {

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
    Thread.ofPlatform().daemon().name("one-shot-stop").start(node::close);
  }
}
