package io.waypost.app.console;

import io.waypost.core.client.ServiceClient;
import io.waypost.core.devnet.Devnet;
import io.waypost.core.devnet.DevnetDiscovery;
import io.waypost.core.devnet.DevnetNode;
import io.waypost.core.discovery.DiscoveryNode;
import io.waypost.core.discovery.NodeKey;
import io.waypost.core.discovery.peers.PeerPolicy;
import io.waypost.core.model.ServiceId;
import io.waypost.core.network.NetworkSession;
import io.waypost.core.request.EncryptedRequests;
import io.waypost.core.selection.ServerSelector;
import io.waypost.core.trust.RegistrySnapshot;
import io.waypost.core.trust.TrustPolicy;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's discovery: on the devnet, the local discovery network (a real node per devnet
 * service node); always, the console's own discovery node and one {@link ServiceClient} per
 * service, verifying against the session's index and the user's trust policy.
 */
public final class ConsoleDiscovery implements AutoCloseable {

  public static final List<String> SERVICES = List.of("mailserver", "push-notification");

  private final Optional<DevnetDiscovery> network;
  private final DiscoveryNode node;
  private final Map<String, ServiceClient> clients = new LinkedHashMap<>();
  private final TrustPolicy policy;
  private final AutoCloseable indexerSubscription;

  private ConsoleDiscovery(
      Optional<DevnetDiscovery> network,
      DiscoveryNode node,
      NetworkSession session,
      TrustPolicy policy,
      Clock clock) {
    this.network = network;
    this.node = node;
    this.policy = policy;
    SecureRandom random = new SecureRandom();
    for (String name : SERVICES) {
      clients.put(
          name,
          new ServiceClient(
              node,
              ServiceId.of(name),
              PeerPolicy.defaults(6)
                  .withIntervals(
                      Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(3)),
              new ServiceClient.Inputs(
                  RegistrySnapshot.cached(session.indexer()),
                  () -> policy.trustedProviders(session.profile()),
                  policy),
              new ServerSelector(clock, random),
              new EncryptedRequests(clock, random),
              clock));
    }
    indexerSubscription =
        session.indexer().addListener(update -> clients.values().forEach(ServiceClient::reverify));
  }

  /** On the devnet: its discovery network, the console's node, clients; the custom node added. */
  public static ConsoleDiscovery onDevnet(
      Devnet devnet, NetworkSession session, TrustPolicy policy, Path dataDir, Clock clock)
      throws Exception {
    DevnetDiscovery network = DevnetDiscovery.start(devnet.nodes(), clock);
    try {
      DiscoveryNode node = consoleNode(dataDir, clock, network);
      ConsoleDiscovery discovery =
          new ConsoleDiscovery(Optional.of(network), node, session, policy, clock);
      for (DevnetNode devnetNode : devnet.nodes()) {
        // Re-added at every start: the node's address (its ENR) changes from run to run.
        if (devnetNode.role() == DevnetNode.Role.CUSTOM) {
          discovery
              .client("mailserver")
              .addCustom(network.nodes().get(devnetNode.name()).localEnr(), "devnet custom server");
        }
      }
      return discovery;
    } catch (Exception e) {
      network.close();
      throw e;
    }
  }

  private static DiscoveryNode consoleNode(Path dataDir, Clock clock, DevnetDiscovery network)
      throws Exception {
    NodeKey key = NodeKey.loadOrCreate(dataDir.resolve("console-node.key"), new SecureRandom());
    int port;
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.3", 0))) {
      port = socket.getLocalPort();
    }
    DiscoveryNode node =
        DiscoveryNode.builder()
            .nodeKey(key)
            .bind("127.0.0.3", port)
            .bootnode(network.bootnode())
            .clock(clock)
            .requestTimeout(Duration.ofMillis(1500))
            .recursiveLookupInterval(Duration.ofSeconds(2))
            .build();
    node.start().join();
    return node;
  }

  public ServiceClient client(String service) {
    return clients.get(service);
  }

  public Map<String, ServiceClient> clients() {
    return clients;
  }

  public DiscoveryNode node() {
    return node;
  }

  public TrustPolicy policy() {
    return policy;
  }

  public Optional<DevnetDiscovery> network() {
    return network;
  }

  @Override
  public void close() {
    try {
      indexerSubscription.close();
    } catch (Exception ignored) {
      // already gone
    }
    clients.values().forEach(ServiceClient::close);
    node.close();
    network.ifPresent(DevnetDiscovery::close);
  }
}
