package io.waypost.core.trust;

import io.waypost.core.model.NodeId;
import io.waypost.core.model.ServiceId;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * What discovery saw of a node for a service: whether its record was valid (and if not, why), how
 * it advertised the service, and what probing it showed.
 */
public record Observation(
    NodeId nodeId,
    ServiceId serviceId,
    Optional<String> recordProblem,
    Set<Advertisement> advertisedBy,
    Liveness liveness) {

  public enum Advertisement {
    TOPIC_AD,
    ENR_ENTRY,
    /** A record capability the profile maps to the service, e.g. the {@code waku2} store bit. */
    MAPPED_CAPABILITY
  }

  /** What probing the node showed so far. */
  public record Liveness(
      boolean probed,
      boolean answersPing,
      boolean provedKey,
      Optional<Duration> rtt,
      String detail) {

    public static Liveness notYetProbed() {
      return new Liveness(false, false, false, Optional.empty(), "not probed yet");
    }

    public static Liveness proven(Duration rtt) {
      return new Liveness(
          true,
          true,
          true,
          Optional.of(rtt),
          "answered a signed challenge in " + rtt.toMillis() + " ms");
    }

    public static Liveness failed(String why) {
      return new Liveness(true, false, false, Optional.empty(), why);
    }
  }

  public Observation {
    advertisedBy = Set.copyOf(advertisedBy);
  }
}
