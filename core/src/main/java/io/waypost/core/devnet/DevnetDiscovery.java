package io.waypost.core.devnet;

import io.waypost.core.discovery.DiscoveryNode;
import io.waypost.core.discovery.NodeKey;
import io.waypost.core.discovery.topic.TopicParameters;
import io.waypost.core.model.ServiceId;
import io.waypost.core.request.RequestEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.ethereum.beacon.discovery.schema.NodeRecord;

/**
 * The devnet's discovery network: a real discv5 node (with the agent's request endpoint) for each
 * devnet service node, with its kept key, on its own loopback address, plus a bootnode. Trusted,
 * pending-provider, suspended-provider, unregistered and custom nodes all advertise, so a client
 * sees every verdict. Loopback addresses 127.0.0.x keep IP-prefix scoring meaningful (Linux routes
 * all of 127/8 to loopback).
 */
public final class DevnetDiscovery implements AutoCloseable {

  private final DiscoveryNode bootnode;
  private final Map<String, DiscoveryNode> nodes;
  private final Map<String, RequestEndpoint> endpoints;

  private DevnetDiscovery(
      DiscoveryNode bootnode,
      Map<String, DiscoveryNode> nodes,
      Map<String, RequestEndpoint> endpoints) {
    this.bootnode = bootnode;
    this.nodes = nodes;
    this.endpoints = endpoints;
  }

  /** A member of the network: a name, its key file and the services it advertises. */
  public record Member(String name, java.nio.file.Path keyFile, List<String> services) {
    static Member of(DevnetNode node) {
      return new Member(node.name(), node.keyFile(), node.services());
    }
  }

  public static DevnetDiscovery start(List<DevnetNode> devnetNodes, Clock clock) {
    return startMembers(devnetNodes.stream().map(Member::of).toList(), clock);
  }

  public static DevnetDiscovery startMembers(List<Member> members, Clock clock) {
    SecureRandom random = new SecureRandom();
    DiscoveryNode bootnode = builder("127.0.0.2", NodeKey.generate(random), clock).build();
    bootnode.start().join();
    Map<String, DiscoveryNode> nodes = new LinkedHashMap<>();
    Map<String, RequestEndpoint> endpoints = new LinkedHashMap<>();
    List<CompletableFuture<Void>> starts = new ArrayList<>();
    int host = 10;
    try {
      for (Member member : members) {
        NodeKey key = NodeKey.loadOrCreate(member.keyFile(), random);
        String address = "127.0.0." + host++;
        RequestEndpoint endpoint =
            RequestEndpoint.builder()
                .nodeKey(key.ecKeyPair())
                .handler(RequestEndpoint.clockAnswer(clock))
                .clock(clock)
                .bind(address, 0)
                .build();
        endpoints.put(member.name(), endpoint);
        DiscoveryNode.Builder builder =
            builder(address, key, clock).tcpPort(endpoint.port()).bootnode(bootnode.localRecord());
        member.services().forEach(s -> builder.advertise(ServiceId.of(s)));
        DiscoveryNode node = builder.build();
        endpoint.installTalk(node);
        nodes.put(member.name(), node);
        starts.add(node.start());
      }
      CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
    } catch (IOException e) {
      new DevnetDiscovery(bootnode, nodes, endpoints).close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      new DevnetDiscovery(bootnode, nodes, endpoints).close();
      throw e;
    }
    return new DevnetDiscovery(bootnode, nodes, endpoints);
  }

  /**
   * The ads' lifetime E on the devnet. A registrar makes a second ad for a service it already holds
   * wait about E (the waiting time's service term; on loopback the IP term nearly doubles it), so
   * with the spec's 15 min each devnet node held one mail ad for the first half hour, and a search
   * found the few advertisers that had come first (5 of 8 in one run, 2 of 8 in another). With 15 s
   * every ad is placed within about half a minute; renewals (at 80 % of E) are admitted at once.
   */
  static final Duration AD_LIFETIME = Duration.ofSeconds(15);

  /** Short intervals: a devnet is small and should settle within seconds. */
  static DiscoveryNode.Builder builder(String host, NodeKey key, Clock clock) {
    return DiscoveryNode.builder()
        .nodeKey(key)
        .bind(host, freeUdpPort(host))
        .clock(clock)
        .topicParameters(TopicParameters.defaults().withAdLifetime(AD_LIFETIME))
        .placementInterval(Duration.ofMillis(500))
        .requestTimeout(Duration.ofMillis(1500))
        .recursiveLookupInterval(Duration.ofSeconds(2));
  }

  public NodeRecord bootnode() {
    return bootnode.localRecord();
  }

  public String bootnodeEnr() {
    return bootnode.localEnr();
  }

  public Map<String, DiscoveryNode> nodes() {
    return Map.copyOf(nodes);
  }

  /** Stops one node, as if its operator shut it down. */
  public void stop(String name) {
    DiscoveryNode node = nodes.remove(name);
    if (node != null) {
      node.close();
    }
    RequestEndpoint endpoint = endpoints.remove(name);
    if (endpoint != null) {
      endpoint.close();
    }
  }

  private static int freeUdpPort(String host) {
    try (DatagramSocket socket =
        new DatagramSocket(new InetSocketAddress(InetAddress.getByName(host), 0))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free UDP port on " + host + ": " + e.getMessage(), e);
    }
  }

  /** Stops every node in parallel (the library takes about 2 s per node). */
  @Override
  public void close() {
    List<DiscoveryNode> all = new ArrayList<>(nodes.values());
    all.add(bootnode);
    DiscoveryNode.closeAll(all);
    nodes.clear();
    endpoints.values().forEach(RequestEndpoint::close);
    endpoints.clear();
  }
}
