package io.waypost.app.console.activity;

import io.waypost.app.console.ConsoleContext;
import io.waypost.app.console.UiThread;
import io.waypost.app.console.activity.ActivityModel.Row;
import io.waypost.app.console.common.Csv;
import io.waypost.app.console.common.LiveRegistry;
import io.waypost.app.console.common.Notifications;
import io.waypost.app.console.common.Subscriptions;
import io.waypost.app.console.shell.Screen;
import io.waypost.core.chain.JournalEntry;
import io.waypost.core.index.IndexedEvent;
import io.waypost.core.network.NetworkSession;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import javafx.scene.Node;

/** Activity: my transactions (the journal) and the registry's audit trail; filter; CSV export. */
public final class ActivityController implements Screen {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz", Locale.ROOT)
          .withZone(ZoneId.systemDefault());
  private static final int SHOWN = 5000;

  private final ConsoleContext context;
  private final Notifications notifications;
  private final ActivityModel model = new ActivityModel();
  private final ActivityView view = new ActivityView(model);
  private final Subscriptions subscriptions = new Subscriptions();
  private LiveRegistry live;

  public ActivityController(ConsoleContext context, Notifications notifications) {
    this.context = context;
    this.notifications = notifications;
    view.exportJournal.setOnAction(e -> chooseAndExport(true));
    view.exportAudit.setOnAction(e -> chooseAndExport(false));
  }

  @Override
  public Node view() {
    return view.root();
  }

  @Override
  public void onActivate() {
    live = new LiveRegistry(context, this::refresh);
    subscriptions.add(
        context.onSession(
            session ->
                subscriptions.add(
                    session
                        .chain()
                        .journal()
                        .subscribe(entry -> context.work().execute(this::refresh)))));
  }

  @Override
  public void onDeactivate() {
    if (live != null) {
      live.close();
    }
    subscriptions.closeAll();
  }

  private void refresh() {
    Optional<NetworkSession> session = context.session();
    if (session.isEmpty()) {
      return;
    }
    List<Row> journal =
        session.get().chain().journal().recent(session.get().chain().chainId(), SHOWN).stream()
            .map(ActivityController::row)
            .toList();
    var names = session.get().view().services();
    List<Row> audit =
        session.get().view().auditTrail(SHOWN).stream().map(e -> row(e, names)).toList();
    UiThread.run(
        () -> {
          model.journal.setAll(journal);
          model.audit.setAll(audit);
        });
  }

  /** Writes the rows shown (filtered, sorted) as CSV, off the FX thread. */
  public CompletableFuture<Path> export(boolean journal, Path target) {
    return Csv.export(
        context.work(),
        journal ? ActivityModel.JOURNAL_COLUMNS : ActivityModel.AUDIT_COLUMNS,
        () -> {
          List<List<String>> rows = new ArrayList<>();
          (journal ? model.journalSorted : model.auditSorted).forEach(row -> rows.add(row.cells()));
          return rows;
        },
        target);
  }

  private void chooseAndExport(boolean journal) {
    Csv.chooseAndExport(
        view.root(),
        journal ? "Export transactions" : "Export audit trail",
        journal ? "waypost-transactions.csv" : "waypost-audit-trail.csv",
        target -> export(journal, target),
        notifications);
  }

  private static Row row(JournalEntry e) {
    return new Row(
        List.of(
            TIME.format(e.createdAt()),
            e.summary(),
            e.state().name().toLowerCase(java.util.Locale.ROOT),
            e.sender().checksummed(),
            e.hash(),
            e.error().orElse("")));
  }

  private static Row row(IndexedEvent e, Map<io.waypost.core.model.ServiceId, String> names) {
    String service =
        e.serviceId()
            .map(id -> names.getOrDefault(io.waypost.core.model.ServiceId.fromHex(id), id))
            .orElse("");
    return new Row(
        List.of(
            TIME.format(Instant.from(e.timestamp())),
            Long.toString(e.blockNumber()),
            e.name(),
            e.actor().orElse(""),
            e.subject().orElse(""),
            e.nodeId().orElse(""),
            service,
            e.details().entrySet().stream()
                .map(d -> d.getKey() + ": " + d.getValue())
                .collect(Collectors.joining("; ")),
            e.txHash()));
  }
}
