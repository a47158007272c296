package io.waypost.app.cli;

import io.waypost.core.client.ServiceClient;
import io.waypost.core.discovery.dns.EnrTreeUrl;
import io.waypost.core.model.ServiceId;
import io.waypost.core.network.NetworkProfile;
import io.waypost.core.network.NetworkSession;
import io.waypost.core.network.NetworkSessionBuilder;
import io.waypost.core.network.SessionTiming;
import io.waypost.core.store.Database;
import io.waypost.core.trust.TrustVerdict;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * What the client commands share: the store and one {@link NetworkSession} for the profile the
 * options describe (the same unit the console holds), with the client for the chosen service.
 */
final class ClientRuntime implements AutoCloseable {

  final ServiceClient client;
  final NetworkSession session;
  final boolean json;
  private final int minPeers;
  private final Database database;

  private ClientRuntime(NetworkOptions options, ServiceId service, int minPeers) {
    json = options.json;
    this.minPeers = minPeers;
    options.chain.check(true);
    database = Database.open(options.chain.store());
    try {
      NetworkProfile chosen = options.chain.profile(database);
      List<String> bootnodes = new java.util.ArrayList<>(chosen.bootnodes());
      options.bootnodes.stream().filter(b -> !bootnodes.contains(b)).forEach(bootnodes::add);
      List<EnrTreeUrl> trees = new java.util.ArrayList<>(chosen.enrTrees());
      trees.addAll(options.dns.urls(options.spec));
      NetworkProfile profile =
          chosen
              .withBootnodes(bootnodes)
              .withTrustedProviders(
                  options.trust.isEmpty() ? chosen.trustedProviders() : options.trust)
              .withDnsDiscovery(trees, chosen.capabilities());
      NetworkSessionBuilder builder =
          NetworkSession.builder(profile, database)
              .bind(options.bind, 0)
              .dnsResolver(options.dns.resolver(options.spec))
              .stopDiscoveryWith(OneShot::close)
              // A client command's node lives for seconds: ads placed on it, and searchers
              // asking it after it is gone, would be wasted.
              .discoveryRegistrar(false)
              .clientsOnlyFor(java.util.Set.of(service))
              // The CLI's client runs briefly: the devnet's short intervals let it settle in
              // seconds.
              .timing(
                  SessionTiming.devnet()
                      .withPeers(
                          io.waypost.core.discovery.peers.PeerPolicy.defaults(minPeers)
                              .withIntervals(
                                  Duration.ofSeconds(1),
                                  Duration.ofSeconds(5),
                                  Duration.ofSeconds(3))));
      if (options.trust.isEmpty()) {
        // Without --trust: the saved choice, else the registry's default provider (its first).
        builder.trustRegistryDefault();
      } else {
        // With --trust: exactly those, whatever was saved.
        builder.trustExactly(java.util.Set.copyOf(options.trust));
      }
      session = builder.start();
      client =
          session
              .client(service)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "The registry lists no service '"
                              + options.service
                              + "'; it lists: "
                              + String.join(", ", session.view().services().values())));
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  static ClientRuntime open(NetworkOptions options, String serviceName) {
    return new ClientRuntime(options, ServiceId.of(serviceName), SessionTiming.MIN_PEERS);
  }

  /** With a higher minimum of peers, which keeps the search fast for as long as it is below it. */
  static ClientRuntime open(NetworkOptions options, String serviceName, int minPeers) {
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
   * nodes found may well be ones the registry does not vouch for. Once the policy's minimum of
   * peers are usable, {@link Enough#USABLE} has its choice among several and stops without waiting
   * for the other nodes' probes (a probe whose handshake crossed one from the node waits out a
   * request timeout before its retry).
   */
  void discover(int seconds, Enough enough) throws Exception {
    // Woken by every change of the verdicts (a peer found, a probe answered), so that the command
    // ends as soon as it may; the timed wait still looks at the clock for "half the time".
    Semaphore changed = new Semaphore(0);
    AutoCloseable subscription = client.onVerdicts(verdicts -> changed.release());
    try {
      discoverUntil(seconds, enough, changed);
    } finally {
      subscription.close();
    }
  }

  private void discoverUntil(int seconds, Enough enough, Semaphore changed)
      throws InterruptedException {
    long started = System.nanoTime();
    long window = Duration.ofSeconds(seconds).toNanos();
    while (System.nanoTime() - started < window) {
      changed.drainPermits();
      List<ServiceClient.KnownNode> known = client.known();
      boolean settled = !known.isEmpty() && known.stream().allMatch(k -> k.liveness().probed());
      boolean enoughFound = known.size() >= minPeers || System.nanoTime() - started > window / 2;
      long usableCount = client.verdicts().stream().filter(TrustVerdict::usable).count();
      boolean usable = enough == Enough.PROBED || usableCount > 0;
      if (settled && enoughFound && usable) {
        return;
      }
      if (enough == Enough.USABLE && usableCount >= minPeers) {
        return;
      }
      changed.tryAcquire(200, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void close() {
    if (session != null) {
      session.close();
    }
    database.close();
  }
}
