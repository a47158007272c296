package io.waypost.core.discovery;

import io.waypost.core.discovery.topic.TopicParameters;
import io.waypost.core.model.ServiceId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Many real discv5 nodes in one JVM, each on its own loopback address (127.0.x.y) and a free UDP
 * port, so that IP-prefix scoring sees distinct advertisers as it would on the internet.
 */
public final class LocalNetwork implements AutoCloseable {

  private static int nextHost = 2 + new SecureRandom().nextInt(200);
  private final List<DiscoveryNode> nodes = new ArrayList<>();
  private final TopicParameters parameters;

  public LocalNetwork(TopicParameters parameters) {
    this.parameters = parameters;
  }

  /** A fresh loopback address, cycling through 127.0.1.0/16 space. */
  public static synchronized String nextAddress() {
    int host = nextHost++;
    return "127.0." + (1 + (host / 250) % 250) + "." + (1 + host % 250);
  }

  /**
   * A client's node joining the network behind {@code bootnode}: a fresh key and a free port on
   * 127.0.0.3, an address of its own beside the devnet's nodes and this class's.
   */
  public static DiscoveryNode.Builder clientOf(
      org.ethereum.beacon.discovery.schema.NodeRecord bootnode) {
    return DiscoveryNode.builder()
        .nodeKey(NodeKey.generate(new SecureRandom()))
        .bind("127.0.0.3", freeUdpPort("127.0.0.3"))
        .bootnode(bootnode);
  }

  public static int freeUdpPort(String host) {
    try (DatagramSocket socket =
        new DatagramSocket(new InetSocketAddress(InetAddress.getByName(host), 0))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public DiscoveryNode.Builder builder(String host) {
    return DiscoveryNode.builder()
        .nodeKey(NodeKey.generate(new SecureRandom()))
        .bind(host, freeUdpPort(host))
        .topicParameters(parameters)
        .placementInterval(Duration.ofMillis(300))
        .requestTimeout(Duration.ofMillis(1500))
        .recursiveLookupInterval(Duration.ofSeconds(2));
  }

  /** Starts {@code count} nodes, all bootstrapped from the first. */
  public List<DiscoveryNode> start(
      int count, Consumer<Integer> eachIndexHook, ServiceId... services) {
    List<DiscoveryNode> started = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      DiscoveryNode.Builder b = builder(nextAddress());
      if (!nodes.isEmpty()) {
        b.bootnode(nodes.get(0).localRecord());
      }
      DiscoveryNode node = b.build();
      node.start().join();
      nodes.add(node);
      started.add(node);
      eachIndexHook.accept(i);
    }
    return started;
  }

  public DiscoveryNode add(DiscoveryNode.Builder builder) {
    if (!nodes.isEmpty()) {
      builder.bootnode(nodes.get(0).localRecord());
    }
    DiscoveryNode node = builder.build();
    node.start().join();
    nodes.add(node);
    return node;
  }

  public List<DiscoveryNode> nodes() {
    return List.copyOf(nodes);
  }

  /** Stops every node in parallel: the library needs about 2 s per node. */
  @Override
  public void close() {
    DiscoveryNode.closeAll(nodes);
    nodes.clear();
  }

  /** Polls a condition until it holds or the deadline passes; never sleeps a fixed time to wait. */
  public static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
      }
      try {
        Thread.sleep(50); // a poll interval, not a wait for the event itself
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for: " + what);
      }
    }
  }
}
