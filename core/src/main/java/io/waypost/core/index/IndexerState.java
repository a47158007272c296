package io.waypost.core.index;

import java.time.Instant;
import java.util.OptionalLong;

/** How current the index is, for "synced", "syncing 40 %" and "stale for 2 min: why". */
public sealed interface IndexerState {

  /** Nothing indexed yet and no answer from the endpoint so far. */
  record Starting() implements IndexerState {}

  /** Caught up with the chain (less the confirmation depth) at {@code at}. */
  record Synced(long block, Instant at) implements IndexerState {}

  /** Catching up: at {@code block} of {@code target}, having started from {@code from}. */
  record Syncing(long from, long block, long target) implements IndexerState {
    public double progress() {
      return target <= from ? 1.0 : (double) (block - from) / (double) (target - from);
    }
  }

  /**
   * The endpoint cannot be read; the store still serves what was indexed up to {@code block}, last
   * confirmed current at {@code lastSynced}.
   */
  record Stale(OptionalLong block, Instant lastSynced, String reason) implements IndexerState {}
}
