package io.waypost.core.network;

import io.waypost.core.discovery.DiscoveryNode;
import io.waypost.core.discovery.NodeKey;
import io.waypost.core.discovery.enr.InvalidRecordException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;

/** Makes a session's own discovery node and joins it to the profile's network. */
final class SessionDiscovery {

  /** Where the node listens and with which key. */
  static final class Options {
    NodeKey key;
    String host = "127.0.0.1";
    int port;
    boolean registrar = true;
  }

  private SessionDiscovery() {}

  static DiscoveryNode join(
      NetworkProfile profile, Options options, SessionTiming timing, Clock clock) {
    NodeKey key = options.key != null ? options.key : NodeKey.generate(new SecureRandom());
    DiscoveryNode.Builder builder =
        DiscoveryNode.builder()
            .nodeKey(key)
            .bind(options.host, options.port != 0 ? options.port : freePort(options.host))
            .clock(clock)
            .capabilities(profile.capabilities())
            .requestTimeout(timing.discoveryRequestTimeout())
            .recursiveLookupInterval(timing.recursiveLookupInterval())
            .registrar(options.registrar);
    for (String bootnode : profile.bootnodes()) {
      try {
        builder.bootnode(bootnode);
      } catch (InvalidRecordException e) {
        throw new IllegalArgumentException(
            "The bootnode "
                + bootnode
                + " of profile "
                + profile.name()
                + " is refused: "
                + e.getMessage());
      }
    }
    DiscoveryNode node = builder.build();
    try {
      node.start().join();
    } catch (RuntimeException e) {
      node.close();
      throw new IllegalStateException(
          "The discovery node did not start on " + options.host + ": " + e.getMessage(), e);
    }
    return node;
  }

  private static int freePort(String host) {
    try (DatagramSocket socket =
        new DatagramSocket(new InetSocketAddress(InetAddress.getByName(host), 0))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free UDP port on " + host + ": " + e.getMessage(), e);
    }
  }
}
