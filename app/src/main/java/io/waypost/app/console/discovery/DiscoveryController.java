package io.waypost.app.console.discovery;

import io.waypost.app.console.ConsoleContext;
import io.waypost.app.console.UiThread;
import io.waypost.app.console.common.ServiceChoice;
import io.waypost.app.console.common.Subscriptions;
import io.waypost.app.console.shell.Screen;
import io.waypost.core.client.ServiceClient;
import io.waypost.core.client.ServiceClient.KnownNode;
import io.waypost.core.discovery.enr.NodeAddress;
import io.waypost.core.discovery.enr.NodeRecords;
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
  private final NodeDetails details;
  private final PeerTable table = new PeerTable(model.peers);
  private final java.util.concurrent.atomic.AtomicBoolean refreshQueued =
      new java.util.concurrent.atomic.AtomicBoolean();
  private final Instant started;
  private final Subscriptions subscriptions = new Subscriptions();
  private ScheduledFuture<?> ticker;
  private String chosenNodeId; // FX thread only: the node the user selected, kept while it is gone
  private boolean applyingRefresh; // FX thread only: selection changes now are the refresh's

  public DiscoveryController(ConsoleContext context) {
    this.context = context;
    this.started = context.clock().instant();
    this.details = new NodeDetails(context, model.details);
    view.service.getItems().setAll("mailserver", "push-notification");
    model.service.addListener(
        (o, a, b) -> {
          chosenNodeId = null;
          model.chosen.set(null);
          details.clear();
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
        context.onSession(
            session -> {
              List<String> names = ServiceChoice.names(session);
              UiThread.run(() -> ServiceChoice.show(view.service, names));
              subscriptions.add(session.onVerdicts(v -> queueRefresh()));
              queueRefresh();
            }));
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
    return context.client(model.service.get());
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
          asRefresh(
              () -> {
                if (!model.peers.isEmpty()
                    && !model.peers.get(0).verdict().serviceId().equals(client.get().service())) {
                  table.reset(); // another service: start the table afresh
                }
                table.apply(rows);
              });
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
      details.show(row);
    }
  }

  /** Runs a change of the table's rows or selection that the user did not make. */
  private void asRefresh(Runnable change) {
    applyingRefresh = true;
    try {
      change.run();
    } finally {
      applyingRefresh = false;
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
        asRefresh(() -> view.table.getSelectionModel().select(chosen.get()));
      }
      details.show(chosen.get());
    } else {
      model.chosen.set(null);
      details.markGone(chosenNodeId);
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
