package io.waypost.core.safe;

import io.waypost.core.model.Address;
import java.util.Optional;

/**
 * One step of executing through a Safe, for a progress display: a signature collected (by which
 * owner, how many of how many), the transaction sent, or mined.
 */
public record SafeProgress(
    Step step, int signatures, int threshold, Optional<Address> owner, String message) {

  /** Where the execution stands. */
  public enum Step {
    SIGNED,
    SENT,
    MINED
  }
}
