package io.waypost.app.console.discovery;

import io.waypost.app.console.common.VerdictChip;
import io.waypost.core.client.ServiceClient.KnownNode;
import io.waypost.core.trust.TrustVerdict;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** One discovered node of one service, as the Discovery table shows it. */
public record PeerRow(KnownNode node, TrustVerdict verdict, String address) {

  private static final DateTimeFormatter SEEN =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());

  /** The columns of an export, in order; see {@link #cells()}. */
  public static final List<String> EXPORT_COLUMNS =
      List.of(
          "Node id",
          "Verdict",
          "Why",
          "Provider",
          "Address",
          "Round trip",
          "Last seen",
          "Found by",
          "Seq");

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
            .map(
                s ->
                    s == io.waypost.core.discovery.peers.PeerSource.DNS_TREE
                        ? "DNS list"
                        : s.name().toLowerCase(Locale.ROOT).replace('_', ' '))
            .orElse("checked by hand");
  }

  public String rtt() {
    return node.liveness().rtt().map(d -> d.toMillis() + " ms").orElse("–");
  }

  public Instant lastSeen() {
    return node.lastSeen();
  }

  /** When discovery last heard of the node (its record or a probe answer), local time. */
  public String lastSeenText() {
    return SEEN.format(node.lastSeen());
  }

  public String provider() {
    return verdict.providerName().orElse(verdict.provider().map(Object::toString).orElse("–"));
  }

  public String verdictText() {
    return verdict.kind().name();
  }

  /** Why the node has its verdict, in words. */
  public String reason() {
    return VerdictChip.reason(verdict);
  }

  public String failing() {
    return verdict.failing().stream()
        .map(c -> c.check().name() + ": " + c.detail())
        .collect(Collectors.joining("; "));
  }

  /** The row as an export writes it: the full node id, times in ISO 8601 with their offset. */
  public List<String> cells() {
    return List.of(
        nodeId(),
        verdictText(),
        reason(),
        provider(),
        address(),
        rtt(),
        node.lastSeen().toString(),
        foundBy(),
        seq());
  }
}
