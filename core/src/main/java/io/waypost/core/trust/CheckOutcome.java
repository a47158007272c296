package io.waypost.core.trust;

/** One check's result, with the detail a support person needs ("provider suspended: reason"). */
public record CheckOutcome(TrustCheck check, Result result, String detail) {

  public enum Result {
    PASS,
    FAIL,
    /** Not known yet (a node not probed yet) or not knowable now (registry state unavailable). */
    UNKNOWN
  }

  public static CheckOutcome pass(TrustCheck check, String detail) {
    return new CheckOutcome(check, Result.PASS, detail);
  }

  public static CheckOutcome fail(TrustCheck check, String detail) {
    return new CheckOutcome(check, Result.FAIL, detail);
  }

  public static CheckOutcome unknown(TrustCheck check, String detail) {
    return new CheckOutcome(check, Result.UNKNOWN, detail);
  }

  public boolean passed() {
    return result == Result.PASS;
  }

  @Override
  public String toString() {
    return check.name() + " " + result + (detail.isEmpty() ? "" : ": " + detail);
  }
}
