package io.waypost.app.console.discovery;

import io.waypost.app.console.ConsoleContext;
import io.waypost.app.console.common.Csv;
import io.waypost.app.console.common.Notifications;
import io.waypost.app.console.common.Subscriptions;
import io.waypost.app.console.shell.Focus;
import io.waypost.app.console.shell.Screen;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.scene.Node;

/**
 * Discovery, for support staff: each service's live peers with their verdicts and why, a node's
 * sheet, probe and encrypted test request, a diagnosis of any pasted record or node id, export, and
 * peers over time per service.
 *
 * <p>It wires its parts and follows the screen's lifetime: {@link LivePeers} binds the table to the
 * session's pushed verdict snapshots, {@link ChosenNode} keeps the user's choice and its {@link
 * NodeDetails} sheet across refreshes, {@link PeerChart} draws the counts over time, {@link
 * Diagnosis} answers support's questions, {@link DiscoveryFilters} keeps the filters. Everything
 * bound on activate is released on deactivate.
 */
public final class DiscoveryController implements Screen {

  private final ConsoleContext context;
  private final Notifications notifications;
  private final PeerFeed.Source feeds;
  private final DiscoveryModel model = new DiscoveryModel();
  private final DiscoveryView view;
  private final NodeDetails details;
  private final ChosenNode chosen;
  private final LivePeers peers;
  private final PeerChart chart;
  private final Diagnosis diagnosis;
  private final DiscoveryFilters filters;
  private final Subscriptions subscriptions = new Subscriptions();

  public DiscoveryController(ConsoleContext context, Notifications notifications) {
    this(
        context,
        notifications,
        listener ->
            context.onDiscovery(discovery -> listener.accept(PeerFeed.of(discovery.session()))));
  }

  /** The screen fed by {@code feeds} (the console's: its current session). */
  DiscoveryController(ConsoleContext context, Notifications notifications, PeerFeed.Source feeds) {
    this.context = context;
    this.notifications = notifications;
    this.feeds = feeds;
    this.details = new NodeDetails(context);
    this.view = new DiscoveryView(model, details.view());
    this.chosen = new ChosenNode(model, view.table, details);
    this.peers = new LivePeers(model, chosen);
    this.chart = new PeerChart(view.chart, view.time, peers::newest);
    this.diagnosis = new Diagnosis(context, notifications, model, chosen, peers::newest);
    this.filters = new DiscoveryFilters(context, model);
    model.service.addListener(
        (o, was, now) -> {
          if (now != null && !now.equals(was)) {
            chosen.forget(Optional.empty());
            peers.showService(now);
          }
        });
    view.probe.setOnAction(e -> diagnosis.probe());
    view.request.setOnAction(e -> diagnosis.request());
    view.diagnose.setOnAction(e -> diagnosis.diagnose(model.diagnose.get()));
    view.diagnoseInput.setOnAction(e -> diagnosis.diagnose(model.diagnose.get()));
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
    subscriptions.add(peers.start(context.work()));
    subscriptions.add(feeds.onFeed(peers::bind));
    subscriptions.add(chart.start(context.scheduler(), context.clock()));
    filters.load();
  }

  @Override
  public void onDeactivate() {
    subscriptions.closeAll();
  }

  /** Diagnoses a pasted record or node id, as the Diagnose button does. FX thread. */
  void diagnose(String input) {
    diagnosis.diagnose(input);
  }

  /** The sheet of the node shown, as text. FX thread only. */
  String detailsReport() {
    return details.report();
  }

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
        "waypost-" + model.service.get() + "-nodes.csv",
        this::export,
        notifications);
  }
}
