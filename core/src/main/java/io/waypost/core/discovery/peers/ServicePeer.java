package io.waypost.core.discovery.peers;

import io.waypost.core.model.NodeId;
import io.waypost.core.model.ServiceId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A live peer of one service as discovery sees it. Immutable: every change is a new value.
 *
 * @param enr the peer's newest record, {@code enr:} text
 * @param rtt round-trip time of the last answered PING, if any yet
 * @param failures consecutive unanswered PINGs
 */
public record ServicePeer(
    ServiceId service,
    NodeId nodeId,
    String enr,
    long seq,
    PeerSource source,
    Optional<Duration> rtt,
    Instant lastSeen,
    int failures) {

  public ServicePeer {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(enr, "enr");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(rtt, "rtt");
    Objects.requireNonNull(lastSeen, "lastSeen");
  }

  ServicePeer answered(Duration roundTrip, Instant at) {
    return new ServicePeer(service, nodeId, enr, seq, source, Optional.of(roundTrip), at, 0);
  }

  ServicePeer missed() {
    return new ServicePeer(service, nodeId, enr, seq, source, rtt, lastSeen, failures + 1);
  }

  ServicePeer withRecord(String newEnr, long newSeq, Instant at) {
    return new ServicePeer(service, nodeId, newEnr, newSeq, source, rtt, at, failures);
  }
}
