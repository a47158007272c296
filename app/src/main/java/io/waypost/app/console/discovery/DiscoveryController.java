package io.waypost.app.console.discovery;

import io.waypost.app.console.ConsoleContext;
import io.waypost.app.console.ConsoleDiscovery;
import io.waypost.app.console.UiThread;
import io.waypost.app.console.common.Csv;
import io.waypost.app.console.common.FxBindings;
import io.waypost.app.console.common.Notifications;
import io.waypost.app.console.common.Repeating;
import io.waypost.app.console.common.Subscriptions;
import io.waypost.app.console.common.VerdictChip;
import io.waypost.app.console.shell.Focus;
import io.waypost.app.console.shell.Screen;
import io.waypost.core.client.ServiceClient;
import io.waypost.core.client.ServiceClient.KnownNode;
import io.waypost.core.discovery.enr.InvalidRecordException;
import io.waypost.core.model.NodeId;
import io.waypost.core.trust.TrustVerdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.chart.XYChart;
import org.apache.tuweni.bytes.Bytes;

/**
 * Discovery, for support staff: each service's live peers with their verdicts and why, a node's
 * sheet, probe and encrypted test request, a diagnosis of any pasted record or node id, export, and
 * peers over time per service.
 *
 * <p>Its data path: a service client's push says its verdicts changed and asks for one build of the
 * rows of the service shown on a worker thread (conflated, so a burst of pushes costs one build),
 * which the table applies on the FX thread touching only the rows that changed. The chart samples
 * every two seconds.
 */
public final class DiscoveryController implements Screen {

  /** Points kept per series: ten minutes at one every two seconds. */
  private static final int CHART_POINTS = 300;

  private static final Duration CHART_SAMPLE = Duration.ofSeconds(2);
  private static final Pattern NODE_ID = Pattern.compile("(0x)?[0-9a-fA-F]{64}");

  /** The rows of the service shown, built off the FX thread. */
  record Rows(String service, int epoch, PeerTable.Changes changes, String summary) {
    /** These rows' changes followed by {@code newer}'s, as one (the FX thread fell behind). */
    Rows then(Rows newer) {
      return newer.epoch() != epoch
          ? newer
          : new Rows(newer.service(), epoch, changes.then(newer.changes()), newer.summary());
    }
  }

  private final ConsoleContext context;
  private final Notifications notifications;
  private final DiscoveryModel model = new DiscoveryModel();
  private final NodeDetails details;
  private final DiscoveryView view;
  private final PeerTable table = new PeerTable(model.peers);
  private final PeerTable.Differ differ = new PeerTable.Differ(); // the rows' worker only
  private volatile int epoch; // grows when the table is emptied (another service)
  private final DiscoveryFilters filters;
  private final Map<String, XYChart.Series<Number, Number>> series = new ConcurrentHashMap<>();
  private final Subscriptions subscriptions = new Subscriptions();
  private volatile FxBindings.Recompute<Rows> rows;
  private volatile String service = "mailserver"; // written on the FX thread, read by workers
  private ScheduledFuture<?> sampler;
  private String chosenNodeId; // FX thread only: the node the user selected, kept while it is gone
  private boolean applyingRefresh; // FX thread only: selection changes now are the refresh's

  public DiscoveryController(ConsoleContext context, Notifications notifications) {
    this.context = context;
    this.notifications = notifications;
    this.details = new NodeDetails(context);
    this.view = new DiscoveryView(model, details.view());
    this.filters = new DiscoveryFilters(context, model);
    model.service.addListener(
        (o, was, now) -> {
          if (now == null || now.equals(service)) {
            return;
          }
          service = now;
          chosenNodeId = null;
          model.chosen.set(null);
          details.clear();
          epoch++;
          asRefresh(table::reset);
          requestRows();
        });
    view.table
        .getSelectionModel()
        .selectedItemProperty()
        .addListener((o, a, row) -> onSelected(row));
    view.probe.setOnAction(e -> probe());
    view.request.setOnAction(e -> request());
    view.diagnose.setOnAction(e -> diagnose(model.diagnose.get()));
    view.diagnoseInput.setOnAction(e -> diagnose(model.diagnose.get()));
    view.export.setOnAction(e -> chooseAndExport());
  }

  @Override
  public Node view() {
    return view.root();
  }

  @Override
  public void focus(Focus focus) {
    if (focus instanceof Focus.ServiceNodes nodes) {
      if (!model.services.contains(nodes.service())) {
        model.services.add(nodes.service());
      }
      model.service.set(nodes.service());
      model.search.set("");
      model.verdictFilter.set(nodes.verdict().orElse(DiscoveryModel.ALL));
    }
  }

  @Override
  public void onActivate() {
    epoch++;
    asRefresh(table::reset); // the differ starts afresh too: it follows the epoch
    rows = FxBindings.recompute(context.work(), this::buildRows, Rows::then, this::showRows);
    subscriptions.add(rows);
    filters.load();
    subscriptions.add(context.onDiscovery(this::listen));
    sampler =
        Repeating.every(context.scheduler(), CHART_SAMPLE, "The Discovery chart", this::sample);
  }

  @Override
  public void onDeactivate() {
    if (sampler != null) {
      sampler.cancel(false);
    }
    subscriptions.closeAll();
  }

  /** Keeps each client's newest verdicts; a push for the service shown asks for new rows. */
  private void listen(ConsoleDiscovery discovery) {
    context
        .work()
        .execute(Repeating.surviving("Reading the service catalogue", this::loadServices));
    discovery
        .clients()
        .forEach(
            (name, client) ->
                subscriptions.add(
                    client.onVerdicts(
                        verdicts -> {
                          if (name.equals(service)) {
                            requestRows();
                          }
                        })));
    requestRows();
  }

  /** The services the registry lists (its catalogue) that this console watches. Worker thread. */
  private void loadServices() {
    Optional<ConsoleDiscovery> discovery = context.discovery();
    if (discovery.isEmpty() || context.session().isEmpty()) {
      return;
    }
    List<String> watched =
        context.session().get().view().services().values().stream()
            .filter(name -> discovery.get().client(name) != null)
            .sorted()
            .toList();
    if (!watched.isEmpty()) {
      UiThread.run(
          () -> {
            if (!watched.equals(model.services)) {
              String shown = model.service.get();
              model.services.setAll(watched);
              model.service.set(watched.contains(shown) ? shown : watched.get(0));
            }
          });
    }
  }

  private void requestRows() {
    FxBindings.Recompute<Rows> current = rows;
    if (current != null) {
      current.request();
    }
  }

  private Optional<ServiceClient> client(String name) {
    return context.discovery().map(d -> d.client(name));
  }

  /**
   * A service's verdicts as of now. A client's pushes may arrive out of order (they are made on
   * several discovery threads), so a push only says that something changed and the worker asks the
   * client once per conflated build; the session's ordered snapshots will replace this.
   */
  private List<TrustVerdict> verdicts(String name, ServiceClient client) {
    return client.verdicts();
  }

  /** Builds the changes to the rows of the service shown. Worker thread, one at a time. */
  private Rows buildRows() {
    String name = service;
    int at = epoch;
    Optional<ServiceClient> client = client(name);
    if (client.isEmpty()) {
      return null;
    }
    List<TrustVerdict> verdicts = verdicts(name, client.get());
    PeerTable.Changes changes = differ.diff(name + "#" + at, rows(verdicts, client.get()::known));
    return new Rows(name, at, changes, summary(name, verdicts));
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
    Map<TrustVerdict.Kind, Long> byKind = new java.util.EnumMap<>(TrustVerdict.Kind.class);
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

  /** FX thread. */
  private void showRows(Rows shown) {
    if (shown.epoch() != epoch) {
      return; // built for a table since emptied; the new one's rows are on their way
    }
    asRefresh(() -> table.apply(shown.changes()));
    model.summary.set(shown.summary());
    followSelectedNode();
  }

  /** Adds a point per service to the chart. Scheduler thread. */
  private void sample() {
    Optional<ConsoleDiscovery> discovery = context.discovery();
    if (discovery.isEmpty()) {
      return;
    }
    double now = context.clock().instant().toEpochMilli() / 1000.0;
    Map<String, long[]> counts = new java.util.TreeMap<>();
    discovery
        .get()
        .clients()
        .forEach(
            (name, client) -> {
              List<TrustVerdict> verdicts = verdicts(name, client);
              long trusted = verdicts.stream().filter(TrustVerdict::usable).count();
              counts.put(name, new long[] {verdicts.size(), trusted});
            });
    UiThread.run(
        () -> {
          counts.forEach(
              (name, seenAndTrusted) -> {
                add(name + " seen", now, seenAndTrusted[0]);
                add(name + " usable", now, seenAndTrusted[1]);
              });
          rangeTimeAxis(now);
        });
  }

  /** Shows the sampled span, ticks on whole seconds: at most about eight labels. FX thread. */
  private void rangeTimeAxis(double now) {
    double first =
        series.values().stream()
            .filter(s -> !s.getData().isEmpty())
            .mapToDouble(s -> s.getData().get(0).getXValue().doubleValue())
            .min()
            .orElse(now);
    double span = Math.max(now - first, 10);
    long tick = 1;
    for (long step : new long[] {1, 2, 5, 10, 15, 30, 60, 120, 300}) {
      tick = step;
      if (span / step <= 8) {
        break;
      }
    }
    view.time.setLowerBound(Math.floor((now - span) / tick) * tick);
    view.time.setUpperBound(Math.ceil(now / tick) * tick);
    view.time.setTickUnit(tick);
  }

  /** FX thread. */
  private void add(String name, double x, long y) {
    XYChart.Series<Number, Number> line =
        series.computeIfAbsent(
            name,
            n -> {
              XYChart.Series<Number, Number> created = new XYChart.Series<>();
              created.setName(n);
              view.chart.getData().add(created);
              return created;
            });
    line.getData().add(new XYChart.Data<>(x, y));
    if (line.getData().size() > CHART_POINTS) {
      line.getData().remove(0);
    }
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
  private void followSelectedNode() {
    if (chosenNodeId == null) {
      return;
    }
    Optional<PeerRow> chosen = table.row(chosenNodeId);
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

  /** The node's UDP endpoint from its record (no key decoding: this runs for every row). */
  private static String address(KnownNode node) {
    if (node.record() == null) {
      return "–";
    }
    return node.record()
        .getUdpAddress()
        .map(a -> a.getAddress().getHostAddress() + ":" + a.getPort())
        .orElse("–");
  }

  // ------------------------------------------------------------------ diagnosis

  /**
   * Answers "why can't I get a server?" for one node: a pasted record is checked against the
   * registry and probed (every check shown in the sheet); a pasted node id is looked up among the
   * nodes discovery knows for every service, else the registry's view of it is shown.
   */
  void diagnose(String input) {
    String text = input == null ? "" : input.strip();
    if (text.isEmpty()) {
      return;
    }
    if (NODE_ID.matcher(text).matches()) {
      diagnoseNodeId(NodeId.fromHex(text.startsWith("0x") ? text.substring(2) : text));
      return;
    }
    Optional<ServiceClient> client = client(service);
    if (client.isEmpty()) {
      model.result.set("Discovery has not started yet; try again in a moment.");
      return;
    }
    CompletableFuture<TrustVerdict> check;
    try {
      check = client.get().check(text);
    } catch (InvalidRecordException e) {
      model.result.set("Not a node record: " + e.getMessage());
      return;
    }
    model.result.set("Checking the pasted node for " + service + ": registry and probe …");
    String checked = service;
    notifications
        .track("Diagnosing a node", "Probing it and checking it against the registry", check, true)
        .whenComplete(
            (verdict, failure) ->
                UiThread.run(
                    () -> {
                      if (failure != null) {
                        model.result.set(
                            "The diagnosis stopped: " + Notifications.messageOf(failure));
                        return;
                      }
                      Optional<KnownNode> node = client.get().known(verdict.nodeId());
                      model.result.set(
                          "Diagnosis for "
                              + checked
                              + ": "
                              + verdict.kind()
                              + " — "
                              + VerdictChip.reason(verdict));
                      if (node.isPresent() && checked.equals(service)) {
                        PeerRow row = new PeerRow(node.get(), verdict, address(node.get()));
                        chosenNodeId = row.nodeId();
                        model.chosen.set(row);
                        details.show(row);
                      }
                    }));
  }

  /** FX thread. */
  private void diagnoseNodeId(NodeId node) {
    Optional<ConsoleDiscovery> discovery = context.discovery();
    Optional<String> seenFor =
        discovery.flatMap(
            d ->
                d.clients().entrySet().stream()
                    .filter(e -> e.getValue().known(node).isPresent())
                    .map(Map.Entry::getKey)
                    .sorted(
                        (a, b) -> a.equals(service) ? -1 : b.equals(service) ? 1 : a.compareTo(b))
                    .findFirst());
    if (seenFor.isEmpty()) {
      chosenNodeId = null;
      model.chosen.set(null);
      details.showUnseen(node);
      model.result.set(
          "Discovery has not seen node "
              + node.toString().substring(0, 12)
              + "… for any service: it is not advertising, or not reachable. Its registry entry"
              + " is shown; paste its ENR to probe it.");
      return;
    }
    model.search.set("");
    model.verdictFilter.set(DiscoveryModel.ALL);
    model.service.set(seenFor.get());
    chosenNodeId = node.toString();
    ServiceClient client = discovery.get().client(seenFor.get());
    KnownNode known = client.known(node).orElseThrow();
    verdicts(seenFor.get(), client).stream()
        .filter(v -> v.nodeId().equals(node))
        .findFirst()
        .ifPresent(
            verdict -> {
              PeerRow row = new PeerRow(known, verdict, address(known));
              model.chosen.set(row);
              details.show(row);
              model.result.set(
                  "Seen for "
                      + seenFor.get()
                      + ": "
                      + verdict.kind()
                      + " — "
                      + VerdictChip.reason(verdict));
            });
    requestRows();
  }

  /** The sheet of the node shown, as text. FX thread only. */
  String detailsReport() {
    return details.report();
  }

  // ------------------------------------------------------------------ export, probe, request

  /** Writes the rows shown (filtered and sorted) as CSV, off the FX thread. */
  public CompletableFuture<Path> export(Path target) {
    return Csv.export(
        context.work(),
        PeerRow.EXPORT_COLUMNS,
        () -> model.sorted.stream().map(PeerRow::cells).toList(),
        target);
  }

  private void chooseAndExport() {
    Csv.chooseAndExport(
        view.root(),
        "Export the nodes shown",
        "waypost-" + service + "-nodes.csv",
        this::export,
        notifications);
  }

  private void probe() {
    PeerRow row = model.chosen.get();
    Optional<ServiceClient> client = client(service);
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
    Optional<ServiceClient> client = client(service);
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
                          + Notifications.messageOf(failure);
              UiThread.run(() -> model.result.set(text));
            });
  }
}
