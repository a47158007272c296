package io.waypost.core.network;

import io.waypost.core.index.IndexerState;
import io.waypost.core.model.ServiceId;
import io.waypost.core.trust.TrustVerdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every verdict a session holds at one moment, per service, with how current the registry state
 * behind them is. Immutable: subscribers keep it as long as they like.
 *
 * @param sequence grows by one with each snapshot a session pushes
 * @param registry the index's state when the verdicts were made; {@link IndexerState.Stale} means
 *     the endpoint cannot be read and the verdicts are UNKNOWN (see {@link #staleFor()})
 */
public record VerdictSnapshot(
    long sequence,
    Instant at,
    IndexerState registry,
    Map<ServiceId, String> serviceNames,
    Map<ServiceId, List<TrustVerdict>> byService) {

  public VerdictSnapshot {
    serviceNames = Map.copyOf(serviceNames);
    byService = Map.copyOf(byService);
  }

  /** The verdicts for one service; empty for a service the registry does not list. */
  public List<TrustVerdict> of(ServiceId service) {
    return byService.getOrDefault(service, List.of());
  }

  /** How long the registry state has gone unconfirmed, while the endpoint cannot be read. */
  public Optional<Duration> staleFor() {
    return registry instanceof IndexerState.Stale stale
        ? Optional.of(Duration.between(stale.lastSynced(), at))
        : Optional.empty();
  }
}
