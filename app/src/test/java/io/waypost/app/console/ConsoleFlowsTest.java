package io.waypost.app.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.app.console.curator.ProviderRow;
import io.waypost.core.devnet.DevnetNode;
import io.waypost.core.model.Address;
import io.waypost.core.model.ProviderStatus;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/** The console's flows for curators and providers, driven like a user would, on the devnet. */
class ConsoleFlowsTest {

  @TempDir Path dataDir;
  private ConsoleFixture console;

  @BeforeEach
  void open() throws Exception {
    console = new ConsoleFixture(dataDir);
  }

  @AfterEach
  void close() {
    console.close();
  }

  @Test
  void curatorClearsThePendingQueueFromTheOverviewCardAndActivityFollows() throws Exception {
    console.navigate("overview");
    console.waitForText("#overview-card-pending-figure", "1 waiting", 20);
    console.waitForText("#overview-card-network-figure", "Healthy", 20);
    console.waitForText("#overview-card-service-mailserver-figure", "Not watched", 20);

    console.clickButton("#overview-card-pending");
    console.waitForScreen("nav-curator", 10);
    console.waitForFx(
        "the card opened Curator on the applications only",
        10,
        () ->
            console
                .robot
                .lookup("#curator-pending-only")
                .queryAs(javafx.scene.control.CheckBox.class)
                .isSelected());
    console.clickCell("Nimbus Relay");
    console.screenshot("curator");
    console.clickOn("#curator-approve");
    console.waitForText("#curator-tx", "mined in block", 20);

    console.navigate("overview");
    console.waitForText("#overview-card-pending-figure", "None waiting", 20);

    console.navigate("activity");
    ConsoleFixture.waitUntil(
        "the approval is in the audit trail and the journal",
        10,
        () ->
            WaitForAsyncUtils.asyncFx(
                    () -> {
                      TableView<?> audit =
                          console.robot.lookup("#activity-audit").queryAs(TableView.class);
                      TableView<?> journal =
                          console.robot.lookup("#activity-journal").queryAs(TableView.class);
                      return audit.getItems().toString().contains("ProviderApproved")
                          && journal.getItems().toString().contains("approveProvider");
                    })
                .get());
    console.screenshot("activity");

    Path csv = dataDir.resolve("audit.csv");
    var activity =
        (io.waypost.app.console.activity.ActivityController)
            console.app.shell().screen(io.waypost.app.console.shell.NavigationTarget.ACTIVITY);
    activity.export(false, csv).get(10, java.util.concurrent.TimeUnit.SECONDS);
    String exported = java.nio.file.Files.readString(csv);
    assertTrue(exported.startsWith("Time,Block,Event,By,"), exported);
    assertTrue(exported.contains("ProviderApproved"), "the export holds the approval");
  }

  @Test
  void curatorSuspendsAProviderWithAReason() throws Exception {
    console.navigate("curator");
    console.clickOn("#curator-pending-only");
    console.clickCell("Status");
    assertTrue(
        console.robot.lookup("#curator-suspend").queryAs(Button.class).isDisabled(),
        "no reason yet");
    console.clickOn("#curator-reason").write("Serves stale messages since Monday");
    console.clickOn("#curator-suspend");
    console.waitForText("#curator-tx", "mined in block", 20);
    ConsoleFixture.waitUntil(
        "Status shows as suspended with the reason",
        10,
        () ->
            WaitForAsyncUtils.asyncFx(
                    () -> {
                      @SuppressWarnings("unchecked")
                      TableView<ProviderRow> table =
                          console.robot.lookup("#curator-table").queryAs(TableView.class);
                      return table.getItems().stream()
                          .anyMatch(
                              row ->
                                  row.name().equals("Status")
                                      && row.status() == ProviderStatus.SUSPENDED
                                      && row.reason().equals("Serves stale messages since Monday"));
                    })
                .get());

    // A curator also grows the catalogue: a bad name is refused before anything is sent.
    console.clickOn("#curator-new-service").write("Relay Service");
    console.clickButton("#curator-add-service");
    ConsoleFixture.waitUntil(
        "the bad name is refused",
        10,
        () ->
            WaitForAsyncUtils.asyncFx(
                    () ->
                        console.robot.lookup(".notification").queryAll().stream()
                            .anyMatch(n -> n.getAccessibleText().contains("Not a service name")))
                .get());
    // An error stays until dismissed, and it sits over the right of the screen: close it first,
    // as a user would, or the next click lands on it.
    console.robot.clickOn(
        (javafx.scene.Node n) ->
            "Dismiss: Not a service name".equals(n.getAccessibleText()) && n.isVisible());
    console.robot.interact(
        () ->
            console
                .robot
                .lookup("#curator-new-service")
                .queryAs(javafx.scene.control.TextField.class)
                .setText(""));
    console.clickOn("#curator-new-service").write("relay");
    console.clickButton("#curator-add-service");
    ConsoleFixture.waitUntil(
        "the registry's catalogue lists relay",
        30,
        () ->
            console.context().session().orElseThrow().registry().services().get().stream()
                .anyMatch(s -> s.name().equals("relay")));
  }

  @Test
  void aCuratorRemovesAnotherProvidersNodeFromTheRegistry() throws Exception {
    console.navigate("curator");
    console.clickOn("#curator-pending-only");
    console.clickCell("Old Mail Co");
    // In the 860 px window the owner's sections do not fit: the screen scrolls, and the providers
    // table keeps a usable height instead of being squeezed.
    double[] heights =
        WaitForAsyncUtils.asyncFx(
                () -> {
                  var scroll =
                      console
                          .robot
                          .lookup("#curator-scroll")
                          .queryAs(javafx.scene.control.ScrollPane.class);
                  return new double[] {
                    scroll.getScene().getHeight(),
                    console.robot.lookup("#curator-table").queryAs(TableView.class).getHeight(),
                    scroll.getContent().getBoundsInLocal().getHeight(),
                    scroll.getViewportBounds().getHeight()
                  };
                })
            .get();
    assertTrue(
        heights[1] >= 240 && heights[2] > heights[3],
        "window, table, content, viewport heights: " + java.util.Arrays.toString(heights));
    // The provider's registrations, from the index: choose its node and take it down.
    console.waitForFx("Old Mail Co's node is listed", 20, () -> !nodesListed().isEmpty());
    String listed = WaitForAsyncUtils.asyncFx(() -> nodesListed().get(0)).get();
    var registry = console.context().session().orElseThrow().view();
    Address oldMail =
        registry.providers().stream()
            .filter(p -> p.name().equals("Old Mail Co"))
            .findFirst()
            .orElseThrow()
            .address();
    var node =
        registry.nodes().stream()
            .filter(n -> n.provider().equals(oldMail))
            .findFirst()
            .orElseThrow();
    assertTrue(
        listed.startsWith(node.nodeId().toString().substring(0, 10))
            && listed.contains("for " + registry.services().get(node.serviceId())),
        listed);
    console.robot.interact(
        () -> console.robot.lookup("#curator-nodes").queryListView().getSelectionModel().select(0));
    console.scrollIntoView(console.robot.lookup("#curator-remove-node").query());
    console.screenshot("curator-remove-node");
    console.clickButton("#curator-remove-node");
    console.waitForText("#curator-tx", "mined in block", 20);
    ConsoleFixture.waitUntil(
        "the index no longer holds the node's registration",
        20,
        () -> registry.nodes().stream().noneMatch(n -> n.nodeId().equals(node.nodeId())));
    console.waitForFx("the list no longer shows it", 20, () -> !nodesListed().contains(listed));
  }

  /** What the Curator screen lists of the selected provider's nodes. FX thread only. */
  private List<String> nodesListed() {
    return console.robot.lookup("#curator-nodes").queryListView().getItems().stream()
        .map(Object::toString)
        .toList();
  }

  @Test
  void aProviderAppliesThenAddsANodeWithItsProofOfPossession() throws Exception {
    console.actAs("Newcomer");
    console.navigate("provider");
    console.waitForText("#provider-status", "not a provider yet", 10);
    console.robot.clickOn("#provider-name").write("Aurora Mail");
    console.robot.clickOn("#provider-uri").write("https://aurora.example/contact");
    console.robot.clickOn("#provider-apply");
    console.waitForText("#provider-tx", "mined in block", 20);
    console.waitForText("#provider-status", "pending", 10);

    DevnetNode spare =
        console.context().devnet().orElseThrow().nodes().stream()
            .filter(n -> n.name().equals("unregistered-mail-1"))
            .findFirst()
            .orElseThrow();
    console.robot.interact(
        () ->
            console
                .robot
                .lookup("#provider-service")
                .<String>queryComboBox()
                .setValue("mailserver"));
    console.robot.clickOn("#provider-key-file").write(spare.keyFile().toString());
    console.robot.clickOn("#provider-register-key");
    console.waitForText("#provider-tx", "mined in block", 20);
    console.waitForRowText("#provider-nodes", spare.nodeId().toString(), 10);
    console.screenshot("provider");
    assertEquals(
        "Aurora Mail",
        console
            .context()
            .session()
            .orElseThrow()
            .view()
            .provider(console.context().activeAccount().orElseThrow().address())
            .orElseThrow()
            .name());
  }

  @Test
  void aNonCuratorCannotApproveAndIsToldWhy() {
    console.actAs("Status");
    console.navigate("curator");
    console.waitForText("#curator-permission", "which is not a curator", 10);
    console.clickCell("Nimbus Relay");
    assertTrue(console.robot.lookup("#curator-approve").queryAs(Button.class).isDisabled());
    assertTrue(console.text("#curator-permission").contains("Switch to a curator account"));
  }

  @Test
  void aBadRpcUrlInSettingsIsRefusedWithAClearMessage() throws Exception {
    console.navigate("settings");
    console.robot.clickOn("#settings-profile-name").write("broken");
    console.robot.clickOn("#settings-rpc-url").write("localhost:8545");
    console.robot.clickOn("#settings-chain-id").write("1");
    console.robot.clickOn("#settings-registry").write("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    console.clickButton("#settings-save-profile");
    console.waitForText(
        "#settings-profile-error", "must start with http://, https://, ws:// or wss://", 10);
    assertTrue(console.context().profiles().list().isEmpty(), "nothing was saved");
    console.screenshot("settings");

    console.robot.interact(
        () ->
            console
                .robot
                .lookup(".scroll-pane")
                .queryAs(javafx.scene.control.ScrollPane.class)
                .setVvalue(1.0));
    console.robot.clickOn("#settings-dark");
    assertEquals("dark", console.context().settings().get("theme").orElseThrow());
  }

  @Test
  void aCuratorTeamDeploysARegistryFromSettingsAndItIsSavedAsANetwork() throws Exception {
    console.navigate("settings");
    String rpc = console.context().session().orElseThrow().profile().rpc().toString();
    typeInto("#deploy-name", "staging");
    typeInto("#deploy-rpc-url", rpc);
    typeInto("#deploy-chain-id", "31337");
    // A typo in an address is refused before anything is sent.
    typeInto("#deploy-curators", "0x70997970C51812dc3A010C7d01b50e0d17dc79c8");
    clickVisible("#deploy-registry");
    console.waitForText("#deploy-status", "wrong EIP-55 checksum", 10);
    assertTrue(console.context().profiles().find("staging").isEmpty(), "nothing saved");

    console.robot.interact(
        () ->
            console
                .robot
                .lookup("#deploy-curators")
                .queryAs(javafx.scene.control.TextArea.class)
                .clear());
    typeInto("#deploy-curators", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    clickVisible("#deploy-registry");
    console.waitForText("#deploy-status", "saved as network staging", 60);
    var saved = console.context().profiles().find("staging").orElseThrow();
    assertEquals(31337, saved.chainId());
    var web3j = console.context().session().orElseThrow().chain().web3j();
    String code =
        web3j
            .ethGetCode(
                saved.registry().value(), org.web3j.protocol.core.DefaultBlockParameterName.LATEST)
            .send()
            .getCode();
    assertTrue(code.length() > 1000, "a contract is deployed at " + saved.registry());
    var registry =
        io.waypost.contracts.WaypostRegistry.load(
            saved.registry().value(),
            web3j,
            new org.web3j.tx.ReadonlyTransactionManager(web3j, saved.registry().value()),
            new org.web3j.tx.gas.DefaultGasProvider());
    assertTrue(
        registry.isCurator("0x70997970C51812dc3A010C7d01b50e0d17dc79C8").send(),
        "the curator was added by the acting owner");
    console.screenshot("settings-deploy");
  }

  /** Scrolls Settings so that the node is on screen, then clicks it as a user would. */
  private void clickVisible(String query) {
    console.robot.interact(
        () -> {
          javafx.scene.Node node = console.robot.lookup(query).query();
          javafx.scene.control.ScrollPane pane =
              console.robot.lookup(".scroll-pane").queryAs(javafx.scene.control.ScrollPane.class);
          javafx.scene.Node content = pane.getContent();
          double y = content.sceneToLocal(node.localToScene(0, 0)).getY();
          double room =
              content.getBoundsInLocal().getHeight() - pane.getViewportBounds().getHeight();
          pane.setVvalue(room <= 0 ? 0 : Math.min(1, Math.max(0, (y - 40) / room)));
        });
    org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    console.robot.clickOn(query);
  }

  private void typeInto(String query, String text) {
    clickVisible(query);
    console.robot.write(text);
  }
}
