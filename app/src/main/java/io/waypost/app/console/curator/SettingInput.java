package io.waypost.app.console.curator;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The owner's duration settings as people write and read them ("7d", "36 hours"), checked against
 * the contract's bounds before anything is sent, so that a typo costs no transaction.
 */
record SettingInput(String field, Duration min, Duration max) {

  /** Bounds of WaypostRegistry.setMaxProofValidity (MIN_PROOF_VALIDITY, MAX_PROOF_VALIDITY). */
  static final SettingInput MAX_PROOF_VALIDITY =
      new SettingInput("Maximum proof validity", Duration.ofHours(1), Duration.ofDays(30));

  /** Bounds of WaypostRegistry.setReapplyCooldown (MAX_REAPPLY_COOLDOWN). */
  static final SettingInput REAPPLY_COOLDOWN =
      new SettingInput("Re-apply cooldown", Duration.ZERO, Duration.ofDays(365));

  private static final Pattern AMOUNT =
      Pattern.compile("(\\d{1,9})\\s*(s|secs?|seconds?|m|mins?|minutes?|h|hours?|d|days?)");

  /**
   * The duration written in {@code text}; an {@link IllegalArgumentException} naming the field when
   * it is no duration or out of the contract's bounds.
   */
  Duration parse(String text) {
    String written = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    Matcher m = AMOUNT.matcher(written);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          field
              + ": write a whole number with a unit, such as 7d, 36h, 90m or 600s"
              + (written.isEmpty() ? " (the field is empty)" : " (not \"" + text.strip() + "\")"));
    }
    long amount = Long.parseLong(m.group(1));
    Duration value =
        switch (m.group(2).charAt(0)) {
          case 's' -> Duration.ofSeconds(amount);
          case 'm' -> Duration.ofMinutes(amount);
          case 'h' -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          field
              + " must be between "
              + human(min)
              + " and "
              + human(max)
              + "; "
              + human(value)
              + " is not");
    }
    return value;
  }

  /** "7 days", "36 hours", "90 minutes", "1 second": the largest whole unit. */
  static String human(Duration value) {
    long seconds = value.toSeconds();
    if (seconds == 0) {
      return "0 seconds";
    }
    if (seconds % 86_400 == 0) {
      return plural(seconds / 86_400, "day");
    }
    if (seconds % 3_600 == 0) {
      return plural(seconds / 3_600, "hour");
    }
    if (seconds % 60 == 0) {
      return plural(seconds / 60, "minute");
    }
    return plural(seconds, "second");
  }

  private static String plural(long amount, String unit) {
    return amount + " " + unit + (amount == 1 ? "" : "s");
  }
}
