package io.waypost.core.discovery.peers;

import java.time.Duration;

/**
 * How hard to search and when to give up on a peer. Like status-go's peer pool (fast search every 3
 * s until the minimum is reached, then every 30 s) but never stopping for good: a network that
 * loses peers later is searched fast again, and the known peers are pinged so that a dead one
 * leaves within {@code pingInterval * maxFailures} plus one timeout instead of lingering 60 min.
 */
public record PeerPolicy(
    int minPeers,
    int maxPeers,
    Duration fastInterval,
    Duration slowInterval,
    Duration pingInterval,
    int maxFailures,
    Duration cacheLifetime) {

  public static PeerPolicy defaults(int minPeers) {
    return new PeerPolicy(
        minPeers,
        Math.max(minPeers * 3, 10),
        Duration.ofSeconds(3),
        Duration.ofSeconds(30),
        Duration.ofSeconds(15),
        3,
        Duration.ofMinutes(60));
  }

  /** Seconds compressed for tests. */
  public PeerPolicy withIntervals(Duration fast, Duration slow, Duration ping) {
    return new PeerPolicy(minPeers, maxPeers, fast, slow, ping, maxFailures, cacheLifetime);
  }
}
