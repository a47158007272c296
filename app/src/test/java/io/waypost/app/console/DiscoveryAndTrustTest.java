package io.waypost.app.console;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.app.console.discovery.PeerRow;
import io.waypost.app.console.trust.ServerRow;
import io.waypost.core.devnet.DevnetDiscovery;
import io.waypost.core.trust.TrustVerdict;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/** Support staff and users on Discovery and Trust, on the devnet with its discovery network. */
class DiscoveryAndTrustTest {

  @TempDir Path dataDir;
  private ConsoleFixture console;

  @BeforeEach
  void open() throws Exception {
    console = new ConsoleFixture(dataDir, true);
    ConsoleFixture.waitUntil(
        "the console's discovery runs",
        60,
        () -> console.context().session().flatMap(s -> s.discovery()).isPresent());
  }

  @AfterEach
  void close() {
    console.close();
  }

  @Test
  void nodesAppearWithVerdictsAFailingNodeSaysWhyAndAnApprovalTurnsNodesTrusted() throws Exception {
    console.navigate("discovery");
    waitForRows(
        "trusted, custom and untrusted mail servers",
        rows ->
            count(rows, "Status", "TRUSTED") >= 3
                && count(rows, "Old Mail Co", "UNTRUSTED") >= 1
                && count(rows, "Nimbus Relay", "UNTRUSTED") >= 1
                && rows.stream().anyMatch(r -> r.verdictText().equals("CUSTOM"))
                && rows.stream()
                    .anyMatch(r -> r.failing().contains("not registered for mailserver")));

    console.clickCell("Old Mail Co");
    String failingCheckAndHistory =
        "(?s)Untrusted\n.*✘\nIts provider is approved\nOld Mail Co is suspended.*"
            + "History \\(registry audit trail\\).*ProviderSuspended.*";
    waitForDetails(failingCheckAndHistory, 30);
    console.screenshot("discovery");
    console.screenshotDark("discovery-dark");
    waitForRefreshes(2); // the history must stay through refreshes, not flicker away
    String afterRefreshes = details();
    assertTrue(afterRefreshes.matches(failingCheckAndHistory), afterRefreshes);
    probeSelectedNode();

    // The operator stops that node: it misses its pings and leaves the live peers; the details
    // say so and stay, and Probe waits for the node to come back.
    String stopped = selectedNodeId();
    DevnetDiscovery network = console.context().devnet().orElseThrow().discovery().orElseThrow();
    network
        .nodes()
        .forEach(
            (name, node) -> {
              if (node.nodeId().toString().equals(stopped)) {
                network.stop(name);
              }
            });
    waitForDetails("(?s).*Not among the live peers now: it missed its pings.*Old Mail Co.*", 60);
    assertTrue(selectionState().contains("probeDisabled=true"), selectionState());

    // The provider whose application waits sees what a client sees of its node: untrusted.
    console.actAs("Nimbus Relay");
    console.navigate("provider");
    waitForProviderNode("UNTRUSTED");

    console.actAs("Owner and curator");
    console.navigate("curator");
    console.clickCell("Nimbus Relay");
    console.clickButton("#curator-approve");
    console.waitForText("#curator-tx", "mined in block", 20);
    console.navigate("discovery");
    waitForRows(
        "Nimbus Relay's node is trusted", rows -> count(rows, "Nimbus Relay", "TRUSTED") >= 1);

    // ... and, approved, sees its node turn trusted.
    console.actAs("Nimbus Relay");
    console.navigate("provider");
    waitForProviderNode("found; TRUSTED");
  }

  /**
   * Waits until the Provider screen's node table says {@code what} of the acting provider's node.
   */
  private void waitForProviderNode(String what) {
    console.waitForRowText("#provider-nodes", what, 60);
  }

  @Test
  void aSupportEngineerDiagnosesAPastedEnrAndSeesEveryCheck() throws Exception {
    DevnetDiscovery network = console.context().discovery().orElseThrow().network().orElseThrow();
    var unregistered = network.nodes().get("unregistered-mail-1");
    String enr = unregistered.localEnr();
    int port = unregistered.localRecord().getUdpAddress().orElseThrow().getPort();
    console.navigate("discovery");
    console.robot.clickOn("#discovery-diagnose-input").write("enr:-this-is-not-a-record");
    console.robot.type(KeyCode.ENTER);
    console.waitForText("#discovery-result", "Not a node record", 10);

    diagnoseText(enr);
    console.waitForText("#discovery-result", "Diagnosis for mailserver: UNTRUSTED", 30);
    waitForDetails(
        "(?s)Untrusted\n.*Node id\n"
            + unregistered.nodeId()
            + ".*✘\nRegistered for the service in the registry\n.*✔\nAnswers PING and proves"
            + " possession of its key.*No provider: the node is not in the registry.*"
            + "\nid\nv4\n.*\nip\n127\\.0\\.0\\.\\d+\n.*\nudp\n"
            + port
            + "\nUDP port \\(discovery\\).*\nwps\nmailserver\n.*",
        20);
    console.screenshot("discovery-diagnose");

    // A node id of a node discovery knows for another service: the screen turns to that
    // service, says the node's verdict and chooses its row once the rows are there.
    var push = network.nodes().get("status-push-1");
    ConsoleFixture.waitUntil(
        "discovery knows status-push-1",
        60,
        () ->
            console
                .context()
                .client("push-notification")
                .flatMap(c -> c.known(push.nodeId()))
                .isPresent());
    diagnoseText(push.nodeId().toString());
    console.waitForText("#discovery-result", "Seen for push-notification: TRUSTED", 20);
    ConsoleFixture.waitUntil(
        "its row is chosen",
        30,
        () -> {
          String state = selectionState();
          return state.contains("selected=Status/" + push.nodeId().toString().substring(0, 14));
        });
    // A node id nobody advertises: said so, with the registry's view of it.
    diagnoseText("0x" + "ab".repeat(32));
    console.waitForText("#discovery-result", "Discovery has not seen node 0xabababab", 10);
  }

  /** Pastes {@code text} into the diagnose field and presses Enter. */
  private void diagnoseText(String text) {
    console.robot.interact(
        () ->
            console
                .robot
                .lookup("#discovery-diagnose-input")
                .queryAs(TextInputControl.class)
                .setText(text));
    console.robot.clickOn("#discovery-diagnose-input").type(KeyCode.ENTER);
  }

  @Test
  void trustedProvidersChangeThePreviewAndAMalformedCustomServerIsRefused() throws Exception {
    console.navigate("overview");
    console.waitForText("#overview-card-service-mailserver-figure", "3 trusted", 60);
    console.waitForText("#overview-card-failed-checks-figure", "failed", 20);
    console.screenshot("overview");
    console.screenshotDark("overview-dark");

    console.navigate("trust");
    console.waitForText("#trust-preview", "of 4 usable server(s)", 60);
    // At a glance: every server with its verdict and why, and the one a client would pick.
    waitForServers(
        "the servers table says which are trusted and why the others are not",
        rows ->
            rows.stream().filter(r -> r.verdict().kind() == TrustVerdict.Kind.TRUSTED).count() >= 3
                && rows.stream()
                    .anyMatch(
                        r -> r.name().equals("Old Mail Co") && r.reason().contains("suspended"))
                && rows.stream().anyMatch(r -> r.source().equals("Custom"))
                && rows.get(0).pick().startsWith("Would pick"));
    console.waitForText("#trust-pin-state", "No server is pinned", 10);
    console.screenshot("trust");
    console.screenshotDark("trust-dark");

    console.robot.clickOn("#trust-provider-status");
    console.waitForText("#trust-preview", "of 1 usable server(s)", 15);
    waitForServers(
        "Status's servers turn untrusted, saying why",
        rows ->
            rows.stream()
                .anyMatch(
                    r ->
                        r.name().equals("Status")
                            && r.verdict().kind() == TrustVerdict.Kind.UNTRUSTED
                            && r.pick().equals("Never picked")));

    // The one usable server left (the custom one) pinned, then unpinned.
    console.robot.interact(
        () -> console.robot.lookup(".scroll-pane").queryAs(ScrollPane.class).setVvalue(1.0));
    console.robot.interact(
        () -> {
          var choice = console.robot.lookup("#trust-pin-choice").<Object>queryComboBox();
          choice.setValue(choice.getItems().get(0));
        });
    console.clickButton("#trust-pin");
    console.waitForText("#trust-preview", "The pinned server devnet custom server", 15);
    console.waitForText("#trust-pin-state", "It works, so a client uses it", 15);
    console.screenshot("trust-pinned");
    console.clickButton("#trust-unpin");
    console.waitForText("#trust-pin-state", "No server is pinned", 15);

    console.robot.clickOn("#trust-custom-record").write("enr:-not-a-record");
    console.robot.clickOn("#trust-custom-add");
    console.waitForText("#trust-custom-error", "Refused:", 10);

    // Removing the custom server leaves no usable server, and the screen says what to do.
    Node remove =
        console
            .robot
            .lookup(n -> n.getId() != null && n.getId().startsWith("trust-custom-remove-"))
            .query();
    console.robot.clickOn(remove);
    console.waitForText("#trust-preview", "No usable server", 15);

    // By keyboard: the providers table chosen, Space trusts Status again.
    console.robot.interact(
        () -> {
          TableView<?> providers =
              console.robot.lookup("#trust-providers").queryAs(TableView.class);
          providers.requestFocus();
          for (int i = 0; i < providers.getItems().size(); i++) {
            if (providers.getItems().get(i).toString().contains("name=Status,")) {
              providers.getSelectionModel().select(i);
            }
          }
        });
    console.robot.type(KeyCode.SPACE);
    console.waitForText("#trust-preview", "of 3 usable server(s)", 15);
  }

  private void waitForServers(
      String what, java.util.function.Predicate<List<ServerRow>> condition) {
    try {
      ConsoleFixture.waitUntil(
          what,
          60,
          () -> WaitForAsyncUtils.asyncFx(() -> condition.test(List.copyOf(servers()))).get());
    } catch (AssertionError timedOut) {
      String rows =
          WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> servers().toString()));
      throw new AssertionError(timedOut.getMessage() + "; the table shows " + rows, timedOut);
    }
  }

  @SuppressWarnings("unchecked")
  private List<ServerRow> servers() {
    return console.robot.lookup("#trust-servers").queryAs(TableView.class).getItems();
  }

  private void waitForRows(String what, java.util.function.Predicate<List<PeerRow>> condition) {
    try {
      ConsoleFixture.waitUntil(
          what,
          90,
          () ->
              WaitForAsyncUtils.asyncFx(() -> condition.test(List.copyOf(table().getItems())))
                  .get());
    } catch (AssertionError timedOut) {
      String rows =
          WaitForAsyncUtils.waitFor(
              WaitForAsyncUtils.asyncFx(
                  () ->
                      table().getItems().stream()
                          .map(
                              r ->
                                  r.provider()
                                      + "/"
                                      + r.verdictText()
                                      + "/"
                                      + r.foundBy()
                                      + " ("
                                      + r.reason()
                                      + ")")
                          .toList()
                          .toString()));
      throw new AssertionError(timedOut.getMessage() + "; the table shows " + rows, timedOut);
    }
  }

  /** Clicks Probe once it is enabled (a node is chosen) and waits for the signed answer. */
  private void probeSelectedNode() throws Exception {
    ConsoleFixture.waitUntil(
        "Probe is enabled", 30, () -> selectionState().contains("probeDisabled=false"));
    console.clickButton("#discovery-probe");
    try {
      console.waitForText("#discovery-result", "answered a signed challenge", 15);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + " with " + selectionState(), e);
    }
  }

  /** Waits until the table has refreshed {@code count} more times (each adds a chart point). */
  private void waitForRefreshes(int count) throws Exception {
    int before = chartPoints();
    ConsoleFixture.waitUntil(
        count + " refreshes of the table", 30, () -> chartPoints() >= before + count);
  }

  private int chartPoints() throws Exception {
    return WaitForAsyncUtils.asyncFx(
            () -> {
              @SuppressWarnings("unchecked")
              LineChart<Number, Number> chart =
                  console.robot.lookup("#discovery-chart").queryAs(LineChart.class);
              return chart.getData().get(0).getData().size();
            })
        .get();
  }

  /** The Discovery table; FX thread only. */
  @SuppressWarnings("unchecked")
  private TableView<PeerRow> table() {
    return console.robot.lookup("#discovery-table").queryAs(TableView.class);
  }

  private String selectedNodeId() throws Exception {
    return WaitForAsyncUtils.asyncFx(() -> table().getSelectionModel().getSelectedItem().nodeId())
        .get();
  }

  private String selectionState() throws Exception {
    return WaitForAsyncUtils.asyncFx(
            () -> {
              TableView<PeerRow> table = table();
              Button probe = console.robot.lookup("#discovery-probe").queryAs(Button.class);
              PeerRow row = table.getSelectionModel().getSelectedItem();
              return "selected="
                  + (row == null ? "none" : row.provider() + "/" + row.shortId())
                  + " probeDisabled="
                  + probe.isDisabled();
            })
        .get();
  }

  /** The texts the details sheet shows, one a line, in reading order. */
  private String details() throws Exception {
    return WaitForAsyncUtils.asyncFx(
            () -> {
              StringBuilder texts = new StringBuilder();
              collect(console.robot.lookup("#discovery-details").query(), texts);
              return texts.toString();
            })
        .get();
  }

  private static void collect(Node node, StringBuilder texts) {
    if (node instanceof Labeled labeled && labeled.getText() != null) {
      texts.append(labeled.getText()).append('\n');
    } else if (node instanceof TextInputControl field) {
      texts.append(field.getText()).append('\n');
    }
    if (node instanceof Parent parent) {
      parent.getChildrenUnmodifiable().forEach(child -> collect(child, texts));
    }
  }

  /** Waits until the details pane matches; on time-out says what it showed instead. */
  private void waitForDetails(String regex, int seconds) throws Exception {
    try {
      ConsoleFixture.waitUntil(
          "the details match " + regex, seconds, () -> details().matches(regex));
    } catch (AssertionError timedOut) {
      throw new AssertionError(timedOut.getMessage() + "; they show:\n" + details(), timedOut);
    }
  }

  private static long count(List<PeerRow> rows, String provider, String verdict) {
    return rows.stream()
        .filter(r -> r.provider().equals(provider) && r.verdictText().equals(verdict))
        .count();
  }
}
