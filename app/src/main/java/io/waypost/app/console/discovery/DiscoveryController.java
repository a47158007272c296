package io.waypost.app.console.discovery;

import io.waypost.app.console.ConsoleContext;
import io.waypost.app.console.ConsoleDiscovery;
import io.waypost.app.console.UiThread;
import io.waypost.app.console.common.Subscriptions;
import io.waypost.app.console.shell.Screen;
import io.waypost.core.client.ServiceClient;
import io.waypost.core.client.ServiceClient.KnownNode;
import io.waypost.core.discovery.enr.NodeAddress;
import io.waypost.core.discovery.enr.NodeRecords;
import io.waypost.core.model.Address;
import io.waypost.core.model.NodeId;
import io.waypost.core.trust.TrustVerdict;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.chart.XYChart;
import org.apache.tuweni.bytes.Bytes;

/**
 * Discovery, for support staff: each service's live peers with their verdicts and why, a node's
 * record and checks, probe and encrypted test request from a row, and peers over time.
 */
public final class DiscoveryController implements Screen {

  /** Points kept on the chart: ten minutes at one a second. */
  private static final int CHART_POINTS = 600;

  private final ConsoleContext context;
  private final DiscoveryModel model = new DiscoveryModel();
  private final DiscoveryView view = new DiscoveryView(model);
  private final PeerTable table = new PeerTable(model.peers);
  private final java.util.concurrent.atomic.AtomicBoolean refreshQueued =
      new java.util.concurrent.atomic.AtomicBoolean();
  private final Instant started;
  private final Subscriptions subscriptions = new Subscriptions();
  private ScheduledFuture<?> ticker;
  private DetailsShown shown; // FX thread only
  private String chosenNodeId; // FX thread only: the node the user selected, kept while it is gone
  private boolean applyingRefresh; // FX thread only: selection changes now are the refresh's

  public DiscoveryController(ConsoleContext context) {
    this.context = context;
    this.started = context.clock().instant();
    view.service.getItems().setAll(ConsoleDiscovery.SERVICES);
    model.service.addListener(
        (o, a, b) -> {
          chosenNodeId = null;
          model.chosen.set(null);
          shown = null;
          model.details.set(DiscoveryModel.NO_NODE_CHOSEN);
          refresh();
        });
    view.table
        .getSelectionModel()
        .selectedItemProperty()
        .addListener((o, a, row) -> onSelected(row));
    view.probe.setOnAction(e -> probe());
    view.request.setOnAction(e -> request());
  }

  @Override
  public Node view() {
    return view.root();
  }

  @Override
  public void onActivate() {
    subscriptions.add(
        context.onDiscovery(
            discovery ->
                discovery
                    .clients()
                    .values()
                    .forEach(client -> subscriptions.add(client.onVerdicts(v -> queueRefresh())))));
    ticker = context.scheduler().scheduleWithFixedDelay(this::tick, 0, 1, TimeUnit.SECONDS);
  }

  @Override
  public void onDeactivate() {
    if (ticker != null) {
      ticker.cancel(false);
    }
    subscriptions.closeAll();
  }

  private Optional<ServiceClient> client() {
    return context.discovery().map(d -> d.client(model.service.get()));
  }

  private void tick() {
    refresh();
  }

  /** Coalesces bursts of verdict changes into at most one refresh every 250 ms. */
  private void queueRefresh() {
    if (refreshQueued.compareAndSet(false, true)) {
      context
          .scheduler()
          .schedule(
              () -> {
                refreshQueued.set(false);
                refresh();
              },
              250,
              TimeUnit.MILLISECONDS);
    }
  }

  /** Builds the rows off the FX thread, then shows them. */
  private void refresh() {
    Optional<ServiceClient> client = client();
    if (client.isEmpty()) {
      return;
    }
    List<TrustVerdict> verdicts = client.get().verdicts();
    List<PeerRow> rows = new ArrayList<>(verdicts.size());
    for (TrustVerdict verdict : verdicts) {
      client
          .get()
          .known(verdict.nodeId())
          .ifPresent(node -> rows.add(new PeerRow(node, verdict, address(node))));
    }
    long trusted = verdicts.stream().filter(v -> v.kind() == TrustVerdict.Kind.TRUSTED).count();
    Map<TrustVerdict.Kind, Long> byKind =
        verdicts.stream().collect(Collectors.groupingBy(TrustVerdict::kind, Collectors.counting()));
    String summary =
        verdicts.size()
            + " node(s) for "
            + model.service.get()
            + ": "
            + byKind.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase())
                .sorted()
                .collect(Collectors.joining(", "));
    double seconds = Duration.between(started, context.clock().instant()).toMillis() / 1000.0;
    UiThread.run(
        () -> {
          applyingRefresh = true;
          try {
            if (!model.peers.isEmpty()
                && !model.peers.get(0).verdict().serviceId().equals(client.get().service())) {
              table.reset(); // another service: start the table afresh
            }
            table.apply(rows);
          } finally {
            applyingRefresh = false;
          }
          model.summary.set(summary);
          followSelectedNode(rows);
          add(model.peerSeries, seconds, rows.size());
          add(model.trustedSeries, seconds, trusted);
        });
  }

  /**
   * Remembers the node the user chose. A refresh replaces changed rows, and the table clears its
   * selection when a selected row is replaced or removed: those changes are not the user's, so the
   * choice stays and is selected again after the refresh, or when a node that left comes back.
   * Probe and Test request follow the choice, not the table's selection, so a refresh between a
   * press and its release cannot disable the button under the pointer and swallow the click.
   */
  private void onSelected(PeerRow row) {
    if (applyingRefresh) {
      return;
    }
    chosenNodeId = row == null ? null : row.nodeId();
    model.chosen.set(row);
    if (row != null) {
      showDetails(row);
    }
  }

  /** Keeps the chosen node selected and its details current across refreshes. FX thread only. */
  private void followSelectedNode(List<PeerRow> rows) {
    if (chosenNodeId == null) {
      return;
    }
    Optional<PeerRow> chosen =
        rows.stream().filter(r -> r.nodeId().equals(chosenNodeId)).findFirst();
    if (chosen.isPresent()) {
      model.chosen.set(chosen.get());
      if (view.table.getSelectionModel().getSelectedItem() != chosen.get()) {
        applyingRefresh = true;
        try {
          view.table.getSelectionModel().select(chosen.get());
        } finally {
          applyingRefresh = false;
        }
      }
      showDetails(chosen.get());
    } else {
      model.chosen.set(null);
      if (shown != null && shown.nodeId().equals(chosenNodeId) && !shown.gone()) {
        shown = shown.markedGone();
        model.details.set(shown.text());
      }
    }
  }

  private static void add(XYChart.Series<Number, Number> series, double x, long y) {
    series.getData().add(new XYChart.Data<>(x, y));
    if (series.getData().size() > CHART_POINTS) {
      series.getData().remove(0);
    }
  }

  private static String address(KnownNode node) {
    try {
      NodeAddress address = NodeRecords.describe(node.record());
      return address
          .udp()
          .map(a -> a.getAddress().getHostAddress() + ":" + a.getPort())
          .orElse("–");
    } catch (RuntimeException e) {
      return "–";
    }
  }

  /**
   * Shows a row's details. The table refreshes every second and replaces changed rows, so this runs
   * often for the same node: the text is only replaced when it changed, and the node's history is
   * kept on screen and read again only when the audit trail grew. Otherwise the pane would flicker
   * and lose its scroll position once a second. FX thread only.
   */
  private void showDetails(PeerRow row) {
    if (row == null) {
      return;
    }
    String body = describe(row);
    boolean sameNode = shown != null && shown.nodeId().equals(row.nodeId());
    DetailsShown next =
        sameNode
            ? new DetailsShown(row.nodeId(), body, shown.history(), shown.events())
            : new DetailsShown(row.nodeId(), body, "", -1);
    if (!next.equals(shown)) {
      shown = next;
      model.details.set(next.text());
    }
    NodeId node = row.node().nodeId();
    Optional<Address> provider = row.verdict().provider();
    int eventsShown = next.events();
    context.work().execute(() -> loadHistory(node, provider, eventsShown));
  }

  /** The details pane's content: the node, its body text and its history as of an event count. */
  private record DetailsShown(String nodeId, String body, String history, int events) {
    private static final String GONE =
        "Not among the live peers now: it missed its pings. It is selected again if it returns.\n\n";

    String text() {
      return body + history;
    }

    boolean gone() {
      return body.startsWith(GONE);
    }

    DetailsShown markedGone() {
      return new DetailsShown(nodeId, GONE + body, history, events);
    }
  }

  private static String describe(PeerRow row) {
    StringBuilder text = new StringBuilder();
    text.append("Node ").append(row.nodeId()).append('\n');
    text.append("Verdict ").append(row.verdict().summary()).append("\n\n");
    text.append("Checks\n").append(row.checks()).append('\n');
    text.append("Registry\n  provider ").append(row.provider()).append('\n');
    row.verdict()
        .provider()
        .ifPresent(p -> text.append("  address  ").append(p.checksummed()).append('\n'));
    text.append("\nRecord (seq ")
        .append(row.seq())
        .append(", found by ")
        .append(row.foundBy())
        .append(")\n  ");
    text.append(row.node().record().asEnr()).append('\n');
    try {
      NodeRecords.describe(row.node().record())
          .fields()
          .forEach(
              (k, v) ->
                  text.append("  ").append(k).append(" = ").append(v.toHexString()).append('\n'));
    } catch (RuntimeException unsigned) {
      text.append("  (an enode: no signed record)\n");
    }
    return text.toString();
  }

  /**
   * Reads the node's and its provider's history from the audit trail in SQLite, newest first,
   * unless the trail has not grown since the history on screen was read.
   */
  private void loadHistory(NodeId node, Optional<Address> provider, int eventsShown) {
    Optional<io.waypost.core.network.NetworkSession> session = context.session();
    if (session.isEmpty()) {
      return;
    }
    int events = session.get().view().eventCount();
    if (events == eventsShown) {
      return;
    }
    StringBuilder history = new StringBuilder("\nHistory (registry audit trail)\n");
    session
        .get()
        .view()
        .nodeHistory(node, provider, 20)
        .forEach(
            e ->
                history
                    .append("  block ")
                    .append(e.blockNumber())
                    .append("  ")
                    .append(e.name())
                    .append(e.details().isEmpty() ? "" : "  " + e.details())
                    .append('\n'));
    UiThread.run(
        () -> {
          String nodeId = node.toString();
          if (shown != null && shown.nodeId().equals(nodeId) && shown.events() != events) {
            shown = new DetailsShown(nodeId, shown.body(), history.toString(), events);
            model.details.set(shown.text());
          }
        });
  }

  private void probe() {
    PeerRow row = model.chosen.get();
    Optional<ServiceClient> client = client();
    if (row == null || client.isEmpty()) {
      return;
    }
    model.result.set("Probing " + row.shortId() + " …");
    client
        .get()
        .probe(row.node().nodeId())
        .thenAccept(
            liveness -> UiThread.run(() -> model.result.set("Probe: " + liveness.detail())));
  }

  private void request() {
    PeerRow row = model.chosen.get();
    Optional<ServiceClient> client = client();
    if (row == null || client.isEmpty()) {
      return;
    }
    long start = System.nanoTime();
    model.result.set("Sending an encrypted test request to " + row.shortId() + " …");
    client
        .get()
        .request(
            row.node().nodeId(),
            Bytes.wrap("waypost console test request".getBytes(StandardCharsets.UTF_8)))
        .whenComplete(
            (answer, failure) -> {
              long millis = (System.nanoTime() - start) / 1_000_000;
              String text =
                  failure == null
                      ? "Answer in "
                          + millis
                          + " ms (encrypted to the node's key, signed by it): "
                          + new String(answer.toArrayUnsafe(), StandardCharsets.UTF_8)
                      : "The request failed after "
                          + millis
                          + " ms: "
                          + (failure.getCause() != null
                              ? failure.getCause().getMessage()
                              : failure.getMessage());
              UiThread.run(() -> model.result.set(text));
            });
  }
}
