package io.waypost.app.console.trust;

import io.waypost.core.model.NodeId;
import io.waypost.core.trust.TrustVerdict;

/**
 * One server of the chosen service as a client would see it now: its verdict and why, how fast it
 * answered, where it came from and what the pick rule makes of it.
 *
 * @param name the provider's name, the custom server's label, or "no provider"
 * @param rtt the round trip in words ("16 ms", "no answer", "not timed yet")
 * @param source "Registry", "Custom" or "Discovered" (no registry entry), with " · pinned" when
 *     pinned
 * @param pick what the pick rule makes of it ("Would pick", "In the pick pool", …)
 * @param rank sorts the table: the pick first, then usable servers, then the others
 */
public record ServerRow(
    NodeId nodeId,
    String name,
    TrustVerdict verdict,
    String reason,
    String rtt,
    String source,
    String pick,
    int rank) {

  /** 0x12345678…: enough to tell nodes apart at a glance; the full id is one copy away. */
  public String shortId() {
    return nodeId.toString().substring(0, 10) + "…";
  }

  /** How the pin picker and screen readers name it. */
  public String label() {
    return name + " · " + shortId() + " · " + rtt;
  }
}
