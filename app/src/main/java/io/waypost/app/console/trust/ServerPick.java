package io.waypost.app.console.trust;

import io.waypost.app.console.common.VerdictChip;
import io.waypost.core.model.NodeId;
import io.waypost.core.selection.Candidate;
import io.waypost.core.selection.ServerSelector;
import io.waypost.core.trust.Observation.Liveness;
import io.waypost.core.trust.TrustVerdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What the pick rule makes of the servers a client sees now, in rows and in words, without
 * disturbing the real selector's state (no pick is made, no event is told).
 *
 * @param rows every server, the pick first
 * @param preview which server a client would pick now, and why, in one sentence
 */
public record ServerPick(List<ServerRow> rows, String preview) {

  /** The rule, as a user and support staff read it (ServerSelector is the rule itself). */
  public static final String RULE =
      "How a client picks: a pinned server wins while it works; otherwise a random one among the"
          + " fastest quarter of the usable servers (trusted or custom) by round trip, servers not"
          + " yet timed after timed ones. A server that fails twice in a row is set aside for "
          + ServerSelector.GRAYLIST_FOR.toMinutes()
          + " minutes.";

  /** Who decided what, for one service. All inputs are snapshots, read off the FX thread. */
  public record Inputs(
      List<TrustVerdict> verdicts,
      Map<NodeId, Liveness> liveness,
      Map<NodeId, String> customLabels,
      Optional<NodeId> pinned,
      Predicate<NodeId> graylisted) {}

  /** Applies the rule of {@code selector} to {@code in}. */
  public static ServerPick of(Inputs in, ServerSelector selector) {
    List<Candidate> candidates = new ArrayList<>();
    for (TrustVerdict v : in.verdicts()) {
      if (v.usable() && !in.graylisted().test(v.nodeId())) {
        candidates.add(
            new Candidate(v.nodeId(), rtt(in, v.nodeId()), v.kind() == TrustVerdict.Kind.CUSTOM));
      }
    }
    Optional<NodeId> pinnedUsable =
        in.pinned().filter(p -> candidates.stream().anyMatch(c -> c.nodeId().equals(p)));
    List<Candidate> pool =
        pinnedUsable.isPresent() || candidates.isEmpty()
            ? List.of()
            : selector.fastestQuarter(candidates);
    Set<NodeId> poolIds = pool.stream().map(Candidate::nodeId).collect(Collectors.toSet());
    List<ServerRow> rows = new ArrayList<>();
    for (TrustVerdict v : in.verdicts()) {
      rows.add(row(in, v, pinnedUsable, poolIds));
    }
    rows.sort(
        Comparator.comparingInt(ServerRow::rank)
            .thenComparing(r -> rtt(in, r.nodeId()).map(d -> d.toNanos()).orElse(Long.MAX_VALUE))
            .thenComparing(r -> r.nodeId().toString()));
    return new ServerPick(List.copyOf(rows), preview(in, candidates, pinnedUsable, pool));
  }

  private static ServerRow row(
      Inputs in, TrustVerdict v, Optional<NodeId> pinnedUsable, Set<NodeId> pool) {
    NodeId id = v.nodeId();
    boolean pinned = in.pinned().filter(id::equals).isPresent();
    String pick;
    int rank;
    if (pinnedUsable.filter(id::equals).isPresent()) {
      pick = "Pinned: used";
      rank = 0;
    } else if (pool.contains(id)) {
      pick = pool.size() == 1 ? "Would pick" : "Would pick 1 of " + pool.size();
      rank = 0;
    } else if (v.usable() && in.graylisted().test(id)) {
      pick = "Set aside";
      rank = 2;
    } else if (v.usable()) {
      pick = pinnedUsable.isPresent() ? "Usable, pin wins" : "Usable, slower";
      rank = 1;
    } else {
      pick = "Never picked";
      rank = 3 + v.kind().ordinal();
    }
    String name =
        Optional.ofNullable(in.customLabels().get(id))
            .or(v::providerName)
            .orElse(v.kind() == TrustVerdict.Kind.CUSTOM ? "custom server" : "no provider");
    String source =
        (v.kind() == TrustVerdict.Kind.CUSTOM
                ? "Custom"
                : v.provider().isPresent() ? "Registry" : "Discovered")
            + (pinned ? " · pinned" : "");
    return new ServerRow(id, name, v, VerdictChip.reason(v), rttText(in, id), source, pick, rank);
  }

  private static Optional<java.time.Duration> rtt(Inputs in, NodeId node) {
    return Optional.ofNullable(in.liveness().get(node)).flatMap(Liveness::rtt);
  }

  private static String rttText(Inputs in, NodeId node) {
    Liveness known = in.liveness().get(node);
    if (known == null || !known.probed()) {
      return "not timed yet";
    }
    return known.rtt().map(d -> d.toMillis() + " ms").orElse("no answer");
  }

  private static String preview(
      Inputs in, List<Candidate> usable, Optional<NodeId> pinnedUsable, List<Candidate> pool) {
    if (usable.isEmpty()) {
      return "No usable server: no node of this service is trusted or custom right now."
          + " Trust its provider below, or add a custom server.";
    }
    if (pinnedUsable.isPresent()) {
      return "The pinned server " + name(in, pinnedUsable.get()) + ": a pin wins while it works.";
    }
    String names =
        String.join(
            ", ",
            pool.stream()
                .map(
                    c ->
                        name(in, c.nodeId())
                            + c.rtt().map(d -> " (" + d.toMillis() + " ms)").orElse(""))
                .toList());
    return in.pinned()
            .map(p -> "The pinned server " + name(in, p) + " is not usable, so: a")
            .orElse("A")
        + " random pick among the fastest quarter of "
        + usable.size()
        + " usable server(s): "
        + names
        + ".";
  }

  private static String name(Inputs in, NodeId node) {
    String id = node.toString().substring(0, 10) + "…";
    return Optional.ofNullable(in.customLabels().get(node))
        .or(
            () ->
                in.verdicts().stream()
                    .filter(v -> v.nodeId().equals(node))
                    .findFirst()
                    .flatMap(TrustVerdict::providerName))
        .map(n -> n + " " + id)
        .orElse(id);
  }
}
