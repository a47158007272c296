package io.waypost.core.network;

import io.waypost.core.discovery.peers.PeerPolicy;
import io.waypost.core.index.RegistryIndexer;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * A session's intervals in one place: how the index polls, how hard discovery searches, how long an
 * RPC or discovery request may take, how long a head may stay put before the profile's other URLs
 * are asked for theirs. The devnet's are compressed so that a loopback network settles within
 * seconds; a real network's follow status-go's peer pool and public endpoints.
 */
public record SessionTiming(
    RegistryIndexer.Options indexer,
    PeerPolicy peers,
    Duration rpcTimeout,
    Duration discoveryRequestTimeout,
    Duration recursiveLookupInterval,
    Duration reprobeInterval,
    Duration headStuckAfter,
    SecureRandom random) {

  /** Peers a client looks for before it searches less often (status-go's minimum). */
  public static final int MIN_PEERS = 3;

  public static SessionTiming devnet() {
    return new SessionTiming(
        RegistryIndexer.Options.devnet(),
        PeerPolicy.defaults(MIN_PEERS)
            .withIntervals(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(3)),
        Duration.ofSeconds(5),
        // Loopback answers in well under a millisecond, but a loaded machine (CI, a laptop running
        // a build) delays a first handshake by seconds: 3 s keeps one slow answer from failing a
        // probe.
        Duration.ofSeconds(3),
        Duration.ofSeconds(2),
        Duration.ofSeconds(3),
        // anvil makes a block per transaction: a head that has not moved for 2 s is common, and
        // comparing it with a fallback's costs one request on loopback.
        Duration.ofSeconds(2),
        new SecureRandom());
  }

  public static SessionTiming network() {
    return new SessionTiming(
        RegistryIndexer.Options.network(),
        PeerPolicy.defaults(MIN_PEERS),
        Duration.ofSeconds(15),
        Duration.ofSeconds(2),
        Duration.ofSeconds(20),
        Duration.ofSeconds(30),
        // Blocks every 12 s on mainnet: a head unmoved for 30 s is worth a look at the fallback's.
        Duration.ofSeconds(30),
        new SecureRandom());
  }

  /** The devnet's timing for the devnet profile, a real network's for every other. */
  public static SessionTiming of(NetworkProfile profile) {
    return profile.isDevnet() ? devnet() : network();
  }

  /** The same, with another index timing (a test chain with its own confirmation depth). */
  public SessionTiming withIndexer(RegistryIndexer.Options options) {
    return new SessionTiming(
        options,
        peers,
        rpcTimeout,
        discoveryRequestTimeout,
        recursiveLookupInterval,
        reprobeInterval,
        headStuckAfter,
        random);
  }

  /** The same, with another peer policy. */
  public SessionTiming withPeers(PeerPolicy policy) {
    return new SessionTiming(
        indexer,
        policy,
        rpcTimeout,
        discoveryRequestTimeout,
        recursiveLookupInterval,
        reprobeInterval,
        headStuckAfter,
        random);
  }
}
