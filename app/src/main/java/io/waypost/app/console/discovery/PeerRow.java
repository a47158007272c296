package io.waypost.app.console.discovery;

import io.waypost.core.client.ServiceClient.KnownNode;
import io.waypost.core.trust.CheckOutcome;
import io.waypost.core.trust.TrustVerdict;
import java.time.Instant;
import java.util.stream.Collectors;

/** One discovered node of one service, as the Discovery table shows it. */
public record PeerRow(KnownNode node, TrustVerdict verdict, String address) {

  public String nodeId() {
    return node.nodeId().toString();
  }

  public String shortId() {
    return nodeId().substring(0, 14) + "…";
  }

  public String seq() {
    return Long.toString(node.seq());
  }

  public String foundBy() {
    return node.custom()
        ? "custom"
        : node.source()
            .map(s -> s.name().toLowerCase().replace('_', ' '))
            .orElse("checked by hand");
  }

  public String rtt() {
    return node.liveness().rtt().map(d -> d.toMillis() + " ms").orElse("–");
  }

  public Instant lastSeen() {
    return node.lastSeen();
  }

  /** Seconds since discovery last heard of the node (its record or a probe answer). */
  public String lastSeenText() {
    long seconds = java.time.Duration.between(node.lastSeen(), Instant.now()).toSeconds();
    return seconds < 1 ? "now" : seconds + " s ago";
  }

  public String provider() {
    return verdict.providerName().orElse(verdict.provider().map(Object::toString).orElse("–"));
  }

  public String verdictText() {
    return verdict.kind().name();
  }

  public String failing() {
    return verdict.failing().stream()
        .map(c -> c.check().name() + ": " + c.detail())
        .collect(Collectors.joining("; "));
  }

  /** Every check with its outcome, for the details pane. */
  public String checks() {
    StringBuilder out = new StringBuilder();
    for (CheckOutcome c : verdict.checks()) {
      out.append(String.format("%-7s %-18s %s%n", c.result(), c.check().name(), c.detail()));
    }
    return out.toString();
  }
}
