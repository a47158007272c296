package io.waypost.app.console.curator;

import io.waypost.app.console.ConsoleContext;
import io.waypost.app.console.UiThread;
import io.waypost.core.client.ServiceClient;
import io.waypost.core.discovery.NodeKey;
import io.waypost.core.discovery.dns.EnrTreeClient;
import io.waypost.core.discovery.dns.EnrTreeException;
import io.waypost.core.dnslist.DnsListPublisher;
import io.waypost.core.model.ServiceId;
import io.waypost.core.network.NetworkSession;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The DNS list window: builds, with core's {@link DnsListPublisher}, the tree {@code waypost dns
 * publish} would publish from the session's current verdicts, shows its difference from the tree
 * published now (read over DNS), and writes it only when asked. Core does the work on the context's
 * work executor; this class only moves text between the fields and core.
 */
final class DnsListWindow {

  private final ConsoleContext context;
  private final DnsListView view = new DnsListView();
  private Stage stage;
  private DnsListPublisher publisher; // FX thread
  private DnsListPublisher.Plan plan; // FX thread

  DnsListWindow(ConsoleContext context) {
    this.context = context;
    view.outDir.setText(context.dataDir().resolve("dns-lists").toString());
    view.build.setOnAction(e -> build());
    view.write.setOnAction(e -> write());
    // A changed input makes the shown plan stale: build again before writing.
    for (var field : List.of(view.domain, view.keyFile, view.outDir)) {
      field.textProperty().addListener((o, was, now) -> forgetPlan());
    }
    view.service.valueProperty().addListener((o, was, now) -> forgetPlan());
    view.requireProbe.selectedProperty().addListener((o, was, now) -> forgetPlan());
  }

  /** Opens the window (or brings it forward) over {@code owner}. FX thread. */
  void open(Window owner) {
    List<String> services =
        context.session().map(s -> List.copyOf(s.clientsByName().keySet())).orElse(List.of());
    String chosen = view.service.getValue();
    view.service.getItems().setAll(services);
    view.service.setValue(
        chosen != null && services.contains(chosen)
            ? chosen
            : services.contains("mailserver")
                ? "mailserver"
                : services.stream().findFirst().orElse(null));
    if (stage == null) {
      stage = new Stage();
      stage.setTitle("DNS list — Waypost");
      stage.initOwner(owner);
      Scene scene = new Scene(view.root());
      scene.getStylesheets().setAll(owner.getScene().getStylesheets());
      scene.getRoot().getStyleClass().setAll(owner.getScene().getRoot().getStyleClass());
      stage.setScene(scene);
    }
    stage.show();
    stage.toFront();
  }

  private void forgetPlan() {
    plan = null;
    view.write.setDisable(true);
  }

  private void build() {
    forgetPlan();
    String service = view.service.getValue();
    String domain = view.domain.getText() == null ? "" : view.domain.getText().strip();
    String key = view.keyFile.getText() == null ? "" : view.keyFile.getText().strip();
    Path out = Path.of(view.outDir.getText() == null ? "" : view.outDir.getText().strip());
    boolean requireProbe = view.requireProbe.isSelected();
    NetworkSession session = context.session().orElse(null);
    if (service == null || session == null) {
      say("Connect to a network whose registry lists a service first.", "");
      return;
    }
    if (domain.isEmpty() || key.isEmpty()) {
      say("Give the list's domain and the curator key file that signs it.", "");
      return;
    }
    say("Reading the list published at " + domain + " …", "");
    view.diff.getItems().clear();
    context
        .work()
        .execute(
            () -> {
              try {
                if (!java.nio.file.Files.isRegularFile(Path.of(key))) {
                  throw new IllegalArgumentException("no key file at " + key);
                }
                NodeKey signer = NodeKey.load(Path.of(key));
                DnsListPublisher next =
                    new DnsListPublisher(
                        new EnrTreeClient(context.dnsResolver(), EnrTreeClient.Limits.defaults()),
                        signer,
                        out);
                ServiceClient client =
                    session
                        .client(ServiceId.of(service))
                        .orElseThrow(
                            () -> new IllegalArgumentException("no client for " + service));
                DnsListPublisher.Plan built =
                    next.plan(domain, service, DnsListPublisher.publishable(client, requireProbe));
                UiThread.run(() -> show(next, built));
              } catch (EnrTreeException e) {
                UiThread.run(() -> say("The domain is refused: " + e.getMessage(), ""));
              } catch (IOException | RuntimeException e) {
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                UiThread.run(() -> say("Cannot build the list: " + why, ""));
              }
            });
  }

  private void show(DnsListPublisher publisher, DnsListPublisher.Plan built) {
    this.publisher = publisher;
    this.plan = built;
    String published =
        built.published().isPresent()
            ? "published now: sequence "
                + built.published().getAsLong()
                + " ("
                + (built.unchanged().size() + built.removed().size())
                + " node(s))"
            : "nothing published yet (" + built.publishedProblem().orElse("no tree") + ")";
    say(
        built.url()
            + "\n"
            + published
            + " → new: sequence "
            + built.seq()
            + " ("
            + built.nodes().size()
            + " node(s)): "
            + built.added().size()
            + " added, "
            + built.removed().size()
            + " removed, "
            + built.unchanged().size()
            + " unchanged",
        "");
    List<String> lines = new ArrayList<>();
    built.added().forEach(id -> lines.add("+ added      " + id));
    built.removed().forEach(id -> lines.add("− removed    " + id));
    built.unchanged().forEach(id -> lines.add("= unchanged  " + id));
    view.diff.getItems().setAll(lines);
    view.write.setDisable(false);
  }

  private void write() {
    DnsListPublisher.Plan chosen = plan;
    DnsListPublisher writer = publisher;
    if (chosen == null) {
      return;
    }
    view.write.setDisable(true);
    context
        .work()
        .execute(
            () -> {
              try {
                DnsListPublisher.Written written = writer.write(chosen);
                UiThread.run(
                    () ->
                        view.result.setText(
                            "Wrote sequence "
                                + chosen.seq()
                                + ": "
                                + written.zoneFile()
                                + " (zone file) and "
                                + written.records()
                                + " (TXT records for a DNS provider's API)"));
              } catch (IOException | RuntimeException e) {
                UiThread.run(
                    () -> {
                      view.result.setText("Nothing written: " + e.getMessage());
                      view.write.setDisable(false);
                    });
              }
            });
  }

  private void say(String summary, String result) {
    view.summary.setText(summary);
    view.result.setText(result);
  }
}
