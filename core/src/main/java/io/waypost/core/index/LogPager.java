package io.waypost.core.index;

import java.util.Locale;

/**
 * Chooses how many blocks one eth_getLogs asks for. Endpoints cap ranges and result sizes, each in
 * its own words; a refusal halves the range, each success lets it grow again (×2) up to a maximum.
 */
final class LogPager {

  private final long maximum;
  private long size;

  LogPager(long initial, long maximum) {
    this.size = Math.max(1, Math.min(initial, maximum));
    this.maximum = maximum;
  }

  long size() {
    return size;
  }

  void succeeded() {
    size = Math.min(maximum, size * 2);
  }

  /**
   * @return false if the range cannot shrink any further
   */
  boolean refused() {
    if (size == 1) {
      return false;
    }
    size = Math.max(1, size / 2);
    return true;
  }

  /** Whether an endpoint's error message means "ask for less". */
  static boolean isRangeRefusal(String message) {
    if (message == null) {
      return false;
    }
    String m = message.toLowerCase(Locale.ROOT);
    return m.contains("range")
        || m.contains("too many")
        || m.contains("more than")
        || m.contains("limit")
        || m.contains("exceed")
        || m.contains("too large")
        || m.contains("response size")
        || m.contains("timeout");
  }
}
