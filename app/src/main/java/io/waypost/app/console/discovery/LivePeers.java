package io.waypost.app.console.discovery;

import io.waypost.app.console.common.FxBindings;
import io.waypost.app.console.common.Subscriptions;
import io.waypost.core.client.ServiceClient.KnownNode;
import io.waypost.core.model.NodeId;
import io.waypost.core.model.ServiceId;
import io.waypost.core.network.VerdictSnapshot;
import io.waypost.core.trust.TrustVerdict;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Discovery table's rows, bound to the session's pushed verdict snapshots. Each push is kept
 * (the newest only) and asks for one build on a worker thread ({@link FxBindings#recompute}, so a
 * burst of pushes costs one build): the rows of the service shown are made from the snapshot's
 * verdicts (never verified again) and compared with the last build, and only what changed is handed
 * to the FX thread, which touches only those rows. A push saying that the nodes changed (a probe's
 * answer) asks for a build too, with the same verdicts. Bound while the screen is shown.
 */
final class LivePeers {

  /** A pushed snapshot and the feed it came from (whose nodes its rows describe). */
  private record Pushed(PeerFeed feed, VerdictSnapshot snapshot) {}

  /** The changes to the rows of the service shown, built off the FX thread. */
  record Rows(
      String service, int epoch, PeerTable.Changes changes, String summary, List<String> services) {
    /** These rows' changes followed by {@code newer}'s, as one (the FX thread fell behind). */
    Rows then(Rows newer) {
      return newer.epoch() != epoch
          ? newer
          : new Rows(
              newer.service(),
              epoch,
              changes.then(newer.changes()),
              newer.summary(),
              newer.services());
    }
  }

  private final DiscoveryModel model;
  private final ChosenNode chosen;
  private final PeerTable table;
  private final PeerTable.Differ differ = new PeerTable.Differ(); // the build worker only
  private final AtomicReference<Pushed> newest = new AtomicReference<>();
  private final Subscriptions feedSubscription = new Subscriptions();
  private volatile FxBindings.Recompute<Rows> builds;
  private volatile String service; // written on the FX thread, read by the worker
  private volatile int epoch; // grows when the table is emptied (another service, shown again)

  LivePeers(DiscoveryModel model, ChosenNode chosen) {
    this.model = model;
    this.chosen = chosen;
    this.table = new PeerTable(model.peers);
    this.service = model.service.get();
  }

  /** Starts building rows on {@code worker} from now on; the table starts empty. FX thread. */
  FxBindings.Pin start(Executor worker) {
    restart();
    FxBindings.Recompute<Rows> started =
        FxBindings.recompute(worker, this::build, Rows::then, this::show);
    builds = started;
    return () -> {
      builds = null;
      started.close();
      feedSubscription.closeAll();
      newest.set(null);
    };
  }

  /** Listens to {@code feed} (the session now in use) instead of the previous one. Any thread. */
  void bind(PeerFeed feed) {
    FxBindings.Recompute<Rows> current = builds;
    if (current == null) {
      return; // not shown: the screen binds again when it is
    }
    feedSubscription.closeAll();
    feedSubscription.add(
        feed.onVerdicts(
            snapshot -> {
              newest.set(new Pushed(feed, snapshot));
              current.request();
            }));
    feedSubscription.add(feed.onNodesChanged(current::request));
    if (builds != current) {
      feedSubscription.closeAll(); // hidden meanwhile
    }
  }

  /** Shows another service's rows: the table is emptied and filled from the newest snapshot. */
  void showService(String name) {
    service = name;
    restart();
    Optional.ofNullable(builds).ifPresent(FxBindings.Recompute::request);
  }

  /** The newest snapshot pushed, for what else the screen shows of it (chart, diagnosis). */
  Optional<VerdictSnapshot> newest() {
    return Optional.ofNullable(newest.get()).map(Pushed::snapshot);
  }

  /** The row of a node the table holds now. FX thread only. */
  Optional<PeerRow> row(String nodeId) {
    return table.row(nodeId);
  }

  private void restart() {
    epoch++;
    chosen.asRefresh(table::reset); // the differ starts afresh too: it follows the epoch
  }

  /** Builds the changes to the rows of the service shown. Worker thread, one at a time. */
  private Rows build() {
    Pushed pushed = newest.get();
    if (pushed == null) {
      return null;
    }
    String name = service;
    int at = epoch;
    VerdictSnapshot snapshot = pushed.snapshot();
    List<String> services = services(snapshot);
    Optional<ServiceId> id = serviceId(snapshot, name);
    List<TrustVerdict> verdicts = id.map(snapshot::of).orElse(List.of());
    List<PeerRow> rows =
        id.isEmpty() ? List.of() : rows(verdicts, node -> pushed.feed().known(id.get(), node));
    PeerTable.Changes changes = differ.diff(name + "#" + at, rows);
    return new Rows(name, at, changes, summary(name, verdicts), services);
  }

  /** FX thread. */
  private void show(Rows shown) {
    if (!shown.services().isEmpty() && !shown.services().equals(model.services)) {
      String picked = model.service.get();
      model.services.setAll(shown.services());
      model.service.set(shown.services().contains(picked) ? picked : shown.services().get(0));
    }
    if (shown.epoch() != epoch) {
      return; // built for a table since emptied; the new one's rows are on their way
    }
    chosen.asRefresh(() -> table.apply(shown.changes()));
    model.summary.set(shown.summary());
    chosen.refreshed(table);
  }

  /** The names of the services the session's clients watch, sorted. */
  static List<String> services(VerdictSnapshot snapshot) {
    return snapshot.byService().keySet().stream()
        .map(id -> snapshot.serviceNames().getOrDefault(id, id.toString()))
        .sorted()
        .toList();
  }

  static Optional<ServiceId> serviceId(VerdictSnapshot snapshot, String name) {
    return snapshot.byService().keySet().stream()
        .filter(id -> snapshot.serviceNames().getOrDefault(id, id.toString()).equals(name))
        .findFirst();
  }

  /** One row per verdict whose node the client knows. */
  static List<PeerRow> rows(
      List<TrustVerdict> verdicts, Function<NodeId, Optional<KnownNode>> known) {
    List<PeerRow> built = new ArrayList<>(verdicts.size());
    for (TrustVerdict verdict : verdicts) {
      known
          .apply(verdict.nodeId())
          .ifPresent(node -> built.add(new PeerRow(node, verdict, address(node))));
    }
    return built;
  }

  /** "8 node(s) for mailserver: 1 custom, 3 trusted, 4 untrusted". */
  static String summary(String service, List<TrustVerdict> verdicts) {
    Map<TrustVerdict.Kind, Long> byKind = new EnumMap<>(TrustVerdict.Kind.class);
    verdicts.forEach(v -> byKind.merge(v.kind(), 1L, Long::sum));
    return verdicts.size()
        + " node(s) for "
        + service
        + ": "
        + byKind.entrySet().stream()
            .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(Locale.ROOT))
            .sorted()
            .collect(Collectors.joining(", "));
  }

  /** The node's UDP endpoint from its record (no key decoding: this runs for every row). */
  static String address(KnownNode node) {
    if (node.record() == null) {
      return "–";
    }
    return node.record()
        .getUdpAddress()
        .map(a -> a.getAddress().getHostAddress() + ":" + a.getPort())
        .orElse("–");
  }
}
