package io.waypost.app.console.overview;

import io.waypost.core.trust.TrustCheck;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The network's health at one moment, as the Overview shows it: an immutable snapshot read off the
 * FX thread, drawn on it.
 *
 * @param network the network's name, chain and endpoint
 * @param rpc whether the endpoint answers, how fast, and its head block
 * @param index how far the local index is behind the chain
 * @param services per service in the registry's catalogue: trusted, registered, seen, the trend
 * @param pendingProviders the names of providers waiting for a curator
 * @param unfinishedTransactions the acting account's transactions not yet final
 * @param failedChecks how many nodes fail each check, over every service
 * @param latestEvents the newest registry events, one line each, newest first
 */
record Health(
    String network,
    Rpc rpc,
    Index index,
    List<ServiceHealth> services,
    List<String> pendingProviders,
    List<String> unfinishedTransactions,
    Map<TrustCheck, Long> failedChecks,
    List<String> latestEvents,
    Optional<String> discovery) {

  /** The endpoint: answering or not, the last call's time, the head block. */
  record Rpc(boolean reachable, long millis, long headBlock, String problem) {
    static final Rpc NOT_ASKED = new Rpc(false, -1, -1, "not asked yet");
  }

  /** The index: its state in words and how many blocks it lags the head (−1 unknown). */
  record Index(String state, long lagBlocks, boolean healthy) {}

  /**
   * One service: how many of its nodes are trusted now, registered in the registry, seen by
   * discovery, and how the trusted count moved over the last minute.
   */
  record ServiceHealth(String name, long trusted, long registered, long seen, long trend) {}

  static Health starting() {
    return new Health(
        "Starting the embedded devnet …",
        Rpc.NOT_ASKED,
        new Index("starting", -1, false),
        List.of(),
        List.of(),
        List.of(),
        Map.of(),
        List.of(),
        Optional.empty());
  }
}
