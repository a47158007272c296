package io.waypost.app.cli;

import io.waypost.core.client.ServiceClient;
import io.waypost.core.discovery.DiscoveryNode;
import io.waypost.core.discovery.NodeKey;
import io.waypost.core.discovery.enr.InvalidRecordException;
import io.waypost.core.discovery.peers.PeerPolicy;
import io.waypost.core.model.Address;
import io.waypost.core.model.ServiceId;
import io.waypost.core.network.NetworkProfile;
import io.waypost.core.network.NetworkSession;
import io.waypost.core.request.EncryptedRequests;
import io.waypost.core.selection.ServerSelector;
import io.waypost.core.store.Database;
import io.waypost.core.trust.RegistrySnapshot;
import io.waypost.core.trust.TrustPolicy;
import io.waypost.core.trust.TrustVerdict;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the client commands share: the store, a checked connection to the registry (indexed now), a
 * discovery node of their own, and a {@link ServiceClient} for the chosen service.
 */
final class ClientRuntime implements AutoCloseable {

  /** Peers a command looks for before it may stop searching early (status-go's minimum). */
  private static final int MIN_PEERS = 3;

  final ServiceClient client;
  final NetworkSession session;
  private final Database database;
  private final DiscoveryNode node;
  private final ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  private ClientRuntime(NetworkOptions options, ServiceId service, int minPeers) throws Exception {
    Clock clock = Clock.systemUTC();
    options.chain.check(true);
    database = Database.open(options.chain.store());
    NetworkProfile chosen = options.chain.profile(database);
    List<String> bootnodes = new java.util.ArrayList<>(chosen.bootnodes());
    options.bootnodes.stream().filter(b -> !bootnodes.contains(b)).forEach(bootnodes::add);
    NetworkProfile draft =
        new NetworkProfile(
            chosen.name(),
            chosen.rpc(),
            chosen.chainId(),
            chosen.registry(),
            chosen.deploymentBlock(),
            options.trust.isEmpty() ? chosen.trustedProviders() : options.trust,
            bootnodes);
    session =
        NetworkSession.connect(
            draft, database, new NetworkSession.Executors(work, scheduler), clock);
    session.indexer().syncOnce();
    TrustPolicy policy = new TrustPolicy(database, clock);
    // Without --trust the registry's default provider (the first one it lists) is trusted.
    List<Address> defaults =
        draft.trustedProviders().isEmpty()
            ? session.view().providers().stream().limit(1).map(p -> p.address()).toList()
            : draft.trustedProviders();
    NetworkProfile profile =
        new NetworkProfile(
            draft.name(),
            draft.rpc(),
            draft.chainId(),
            draft.registry(),
            draft.deploymentBlock(),
            defaults,
            draft.bootnodes());
    DiscoveryNode.Builder builder =
        DiscoveryNode.builder()
            .nodeKey(NodeKey.generate(new SecureRandom()))
            .bind(options.bind, freePort(options.bind))
            .clock(clock)
            .requestTimeout(Duration.ofMillis(1500))
            .recursiveLookupInterval(Duration.ofSeconds(2));
    for (String bootnode : draft.bootnodes()) {
      try {
        builder.bootnode(bootnode);
      } catch (InvalidRecordException e) {
        throw new IllegalArgumentException(
            "The bootnode " + bootnode + " is refused: " + e.getMessage());
      }
    }
    node = builder.build();
    node.start().join();
    client =
        new ServiceClient(
            node,
            service,
            PeerPolicy.defaults(minPeers)
                .withIntervals(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(3)),
            new ServiceClient.Inputs(
                RegistrySnapshot.cached(session.indexer()),
                () ->
                    draft.trustedProviders().isEmpty()
                        ? policy.trustedProviders(profile)
                        : Set.copyOf(profile.trustedProviders()),
                policy),
            new ServerSelector(clock, new SecureRandom()),
            new EncryptedRequests(clock, new SecureRandom()),
            clock);
  }

  static ClientRuntime open(NetworkOptions options, String serviceName) throws Exception {
    return new ClientRuntime(options, ServiceId.of(serviceName), MIN_PEERS);
  }

  /** With a higher minimum of peers, which keeps the search fast for as long as it is below it. */
  static ClientRuntime open(NetworkOptions options, String serviceName, int minPeers)
      throws Exception {
    return new ClientRuntime(options, ServiceId.of(serviceName), minPeers);
  }

  /** What a command needs before it stops searching early. */
  enum Enough {
    /** A picture of the network: every node found so far has been probed. */
    PROBED,
    /** A server to use: as above, and at least one of them is usable. */
    USABLE
  }

  /**
   * Lets discovery run for up to {@code seconds}. It stops early once every known node has been
   * probed, {@code enough} holds, and either half the time has passed or the policy's minimum of
   * peers is known, so that a pick is made among several servers, not the first that answered.
   * Until a usable server is found, {@link Enough#USABLE} keeps searching to the end: the first
   * nodes found may well be ones the registry does not vouch for.
   */
  void discover(int seconds, Enough enough) throws InterruptedException {
    long started = System.nanoTime();
    long window = Duration.ofSeconds(seconds).toNanos();
    while (System.nanoTime() - started < window) {
      List<ServiceClient.KnownNode> known = client.known();
      boolean settled = !known.isEmpty() && known.stream().allMatch(k -> k.liveness().probed());
      boolean enoughFound = known.size() >= MIN_PEERS || System.nanoTime() - started > window / 2;
      boolean usable =
          enough == Enough.PROBED || client.verdicts().stream().anyMatch(TrustVerdict::usable);
      if (settled && enoughFound && usable) {
        return;
      }
      Thread.sleep(200);
    }
  }

  private static int freePort(String host) throws Exception {
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(host, 0))) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    client.close();
    node.close();
    session.close();
    scheduler.shutdownNow();
    work.shutdownNow();
    database.close();
  }
}
