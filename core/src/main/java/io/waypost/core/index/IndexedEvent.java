package io.waypost.core.index;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One registry event as the index stores it: where it happened, who did it to whom, and its other
 * arguments by name. {@code actor} is whoever acted (a curator, the owner, the provider itself);
 * {@code subject} is whom it was done to (a provider or a curator).
 */
public record IndexedEvent(
    long blockNumber,
    int logIndex,
    String blockHash,
    String txHash,
    Instant timestamp,
    String name,
    Optional<String> actor,
    Optional<String> subject,
    Optional<String> nodeId,
    Optional<String> serviceId,
    Map<String, String> details) {

  public IndexedEvent {
    details = Map.copyOf(details);
  }

  public String detail(String key) {
    return details.getOrDefault(key, "");
  }
}
