package io.waypost.app.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waypost.app.console.curator.CuratorController;
import io.waypost.app.console.shell.NavigationTarget;
import io.waypost.core.devnet.Devnet;
import io.waypost.core.devnet.DevnetSafe;
import io.waypost.core.model.Address;
import io.waypost.core.model.ProviderStatus;
import io.waypost.core.registry.RegistryClient;
import io.waypost.core.safe.SafeCall;
import io.waypost.core.safe.SafeTransaction;
import io.waypost.core.safe.TransactionBuilderBatch;
import io.waypost.core.testing.SafeAbi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console acting for a Safe: on a devnet whose registry a 2-of-3 Safe 1.4.1 owns and alone
 * curates (deployed from the Safe project's npm artifacts), a curator queues an approval and a
 * suspension for the Safe, exports them as one Transaction Builder batch, then signs with two
 * owners' keys and executes the batch through the Safe, which changes the registry on-chain.
 */
class SafeConsoleTest {

  @TempDir Path dataDir;
  private ConsoleFixture console;

  @BeforeEach
  void open() throws Exception {
    console = new ConsoleFixture(new ConsoleContext.Config(dataDir, false, false, true));
  }

  @AfterEach
  void close() {
    console.close();
  }

  @Test
  void aCuratorSafeApprovesAndSuspendsThroughItsOwnersSignatures() throws Exception {
    DevnetSafe safe = console.context().devnetSafe().orElseThrow();
    RegistryClient registry = console.context().session().orElseThrow().registry();
    Address nimbus = Devnet.accounts().get(2).address();
    Address status = Devnet.accounts().get(1).address();

    console.navigate("curator");
    // The devnet's first account owns nothing any more: the Safe is owner and only curator.
    console.waitForText("#curator-permission", "not a curator", 20);
    console.waitForText("#curator-permission", "On behalf of", 20);
    console.waitForFx(
        "the Safe is offered under On behalf of",
        20,
        () -> console.robot.lookup("#curator-act-as").queryComboBox().getItems().size() == 2);
    console.robot.interact(
        () -> {
          ComboBox<Object> actAs = console.robot.lookup("#curator-act-as").queryComboBox();
          actAs.getSelectionModel().select(1);
        });
    WaitForAsyncUtils.waitForFxEvents();
    console.waitForText(
        "#curator-permission", "You act for the Safe " + safe.safe().checksummed(), 10);
    console.waitForText("#safe-summary", "2 of its 3 owners must sign", 10);

    // Queue an approval and a suspension: nothing is sent.
    console.clickCell("Nimbus Relay");
    console.clickButton("#curator-approve");
    console.waitForText("#curator-tx", "queued for the Safe (1 in the batch)", 10);
    console.clickOn("#curator-pending-only");
    console.clickCell("Status");
    console.clickOn("#curator-reason").write("Serves stale messages (ticket #4711)");
    console.clickButton("#curator-suspend");
    console.waitForText("#curator-tx", "queued for the Safe (2 in the batch)", 10);
    assertEquals(ProviderStatus.PENDING, registry.provider(nimbus).get().status(), "not sent");
    console.screenshot("curator-safe-batch");
    assertEquals(
        List.of(),
        WaitForAsyncUtils.asyncFx(() -> unnamed(console.robot.lookup("#safe-panel").query())).get(),
        "controls of the Safe panel without an accessible name");

    // Export: the Transaction Builder file names the chain and Safe, decodes every call, and
    // imports into exactly the calls queued, which pack with the Safe's own MultiSend ABI.
    CuratorController curator =
        (CuratorController) console.app.shell().screen(NavigationTarget.CURATOR);
    Path file = dataDir.resolve("safe-batch.json");
    WaitForAsyncUtils.asyncFx(() -> curator.safeBatch().exportTo(file))
        .get(10, TimeUnit.SECONDS)
        .get(10, TimeUnit.SECONDS);
    String json = Files.readString(file);
    JsonNode batch = new ObjectMapper().readTree(json);
    assertEquals("31337", batch.path("chainId").asText());
    assertEquals(
        safe.safe().checksummed(), batch.path("meta").path("createdFromSafeAddress").asText());
    String description = batch.path("meta").path("description").asText();
    assertTrue(
        description.contains(
                "1. WaypostRegistry.approveProvider(provider: " + nimbus.checksummed() + ")")
            && description.contains(
                "2. WaypostRegistry.suspendProvider(provider: "
                    + status.checksummed()
                    + ", reason: \"Serves stale messages (ticket #4711)\")"),
        description);
    List<SafeCall> imported = TransactionBuilderBatch.calls(json);
    List<SafeCall> queued =
        WaitForAsyncUtils.asyncFx(() -> List.copyOf(curator.safeBatch().queuedCalls())).get();
    assertEquals(2, imported.size());
    for (int i = 0; i < 2; i++) {
      assertEquals(queued.get(i).data(), imported.get(i).data(), "call " + i + " round-trips");
    }
    assertEquals(2, SafeAbi.decodeMultiSend(SafeTransaction.multiSendData(imported), queued));
    console.waitForText("#safe-status", "Saved safe-batch.json", 10);

    // Sign with two owners whose keys are in the console and execute through the Safe.
    assertTrue(
        WaitForAsyncUtils.asyncFx(
                () -> !console.robot.lookup("#safe-execute").queryAs(Button.class).isDisabled())
            .get(),
        "two owners' keys are at hand and chosen");
    console.clickButton("#safe-execute");
    console.waitForFx(
        "both signatures and the execution are shown",
        60,
        () -> {
          String shown =
              console.robot.lookup("#safe-progress").queryAs(VBox.class).getChildren().stream()
                  .map(step -> ((Label) step).getText())
                  .reduce("", (a, b) -> a + "\n" + b);
          return shown.contains("Signature 1 of 2 by")
              && shown.contains("Signature 2 of 2 by")
              && shown.contains("Executed in block");
        });
    console.waitForText("#safe-status", "Executed through the Safe in block", 20);
    console.waitForText("#curator-tx", "The Safe's batch: executed in block", 10);
    assertEquals(ProviderStatus.APPROVED, registry.provider(nimbus).get().status());
    assertEquals(ProviderStatus.SUSPENDED, registry.provider(status).get().status());
    console.waitForFx(
        "the batch is empty after execution",
        10,
        () -> curator.safeBatch().queuedCalls().isEmpty());
    console.waitForFx(
        "the table shows Status suspended with the reason, as indexed",
        20,
        () -> {
          @SuppressWarnings("unchecked")
          javafx.scene.control.TableView<io.waypost.app.console.curator.ProviderRow> table =
              console.robot.lookup("#curator-table").queryAs(javafx.scene.control.TableView.class);
          return table.getItems().stream()
              .anyMatch(
                  row ->
                      row.name().equals("Status")
                          && row.status() == ProviderStatus.SUSPENDED
                          && row.reason().equals("Serves stale messages (ticket #4711)"));
        });
    console.screenshot("curator-safe-executed");
    console.screenshotDark("curator-safe-executed-dark");
  }

  /**
   * The owner's actions through the Safe: a bad setting is refused before anything is queued; a new
   * re-apply cooldown and an offer of ownership to a plain account run as one batch; that account
   * accepts with its own button; it offers the ownership back, and the Safe, now the pending owner,
   * accepts through its owners' signatures.
   */
  @Test
  void theSafeOwnerChangesASettingAndHandsTheOwnershipOverAndBack() throws Exception {
    DevnetSafe safe = console.context().devnetSafe().orElseThrow();
    RegistryClient registry = console.context().session().orElseThrow().registry();
    Address newcomer = Devnet.accounts().get(5).address();

    console.navigate("curator");
    // "Devnet ready" lies over the settings' buttons at the bottom right: read, dismissed.
    while (!console.robot.lookup(".notification-close").queryAll().isEmpty()) {
      console.clickButton(".notification-close");
    }
    actFor(1, "You act for the Safe " + safe.safe().checksummed() + ", the registry's owner");
    console.waitForText("#curator-settings-current", "waits 7 days", 20);

    console.clickOn("#curator-max-proof-validity").write("45d");
    console.clickButton("#curator-set-max-proof-validity");
    console.waitForFx(
        "the bad field is named before anything is queued",
        10,
        () ->
            console.robot.lookup("#notifications .label").queryAllAs(Label.class).stream()
                .anyMatch(
                    l ->
                        l.getText()
                            .contains(
                                "Maximum proof validity must be between 1 hour and 30 days; 45"
                                    + " days is not")));
    console.clickButton(".notification-error .notification-close");
    CuratorController curator =
        (CuratorController) console.app.shell().screen(NavigationTarget.CURATOR);
    assertTrue(WaitForAsyncUtils.asyncFx(() -> curator.safeBatch().queuedCalls().isEmpty()).get());

    console.clickOn("#curator-reapply-cooldown").write("3d");
    console.clickButton("#curator-set-reapply-cooldown");
    console.waitForText("#curator-tx", "queued for the Safe (1 in the batch)", 10);
    console.clickOn("#curator-new-owner").write(newcomer.checksummed());
    console.clickButton("#curator-transfer-ownership");
    console.waitForText("#curator-tx", "queued for the Safe (2 in the batch)", 10);
    console.clickButton("#safe-execute");
    console.waitForText("#safe-status", "Executed through the Safe in block", 60);
    assertEquals(Duration.ofDays(3), registry.settings().get().reapplyCooldown());
    assertEquals(newcomer, registry.pendingOwner().get().orElseThrow());
    assertEquals(safe.safe(), registry.owner().get(), "the owner until the offer is accepted");

    // The newcomer, acting as itself, is offered the ownership and takes it.
    actFor(0, "");
    console.actAs("Newcomer");
    console.waitForText("#curator-permission", "ownership is offered to this account", 20);
    console.screenshot("curator-accept-ownership");
    console.clickButton("#curator-accept-ownership");
    ConsoleFixture.waitUntil(
        "the newcomer owns the registry", 30, () -> registry.owner().get().equals(newcomer));
    console.waitForText("#curator-settings-current", "waits 3 days before applying again", 20);
    console.waitForText("#curator-permission", "As the registry's owner it manages", 10);
    console.screenshot("curator-owner-settings");

    // Offered back to the Safe: found as the pending owner, it accepts through its owners.
    console.clickOn("#curator-new-owner").write(safe.safe().checksummed());
    console.clickButton("#curator-transfer-ownership");
    ConsoleFixture.waitUntil(
        "the Safe is the pending owner",
        30,
        () -> registry.pendingOwner().get().equals(java.util.Optional.of(safe.safe())));
    actFor(1, "the registry's pending owner and curator");
    console.screenshot("curator-safe-accept-ownership");
    console.clickButton("#curator-accept-ownership");
    console.waitForText(
        "#curator-tx", "Accept ownership: queued for the Safe (1 in the batch)", 10);
    console.clickButton("#safe-execute");
    console.waitForText("#safe-status", "Executed through the Safe in block", 60);
    assertEquals(safe.safe(), registry.owner().get());
  }

  /** Chooses the {@code index}th entry under "On behalf of" once offered; waits for its note. */
  private void actFor(int index, String note) {
    console.waitForFx(
        "the Safe is offered under On behalf of",
        20,
        () -> console.robot.lookup("#curator-act-as").queryComboBox().getItems().size() == 2);
    console.robot.interact(
        () ->
            console
                .robot
                .lookup("#curator-act-as")
                .queryComboBox()
                .getSelectionModel()
                .select(index));
    WaitForAsyncUtils.waitForFxEvents();
    console.waitForText("#curator-permission", note, 20);
  }

  /** Controls under {@code root} that a screen reader could not name. FX thread. */
  private static List<String> unnamed(javafx.scene.Node root) {
    List<String> found = new java.util.ArrayList<>();
    if (root instanceof javafx.scene.control.Control control
        && (root instanceof javafx.scene.control.ButtonBase
            || root instanceof javafx.scene.control.ComboBoxBase
            || root instanceof javafx.scene.control.ListView)) {
      boolean named =
          (control.getAccessibleText() != null && !control.getAccessibleText().isBlank())
              || (control instanceof javafx.scene.control.Labeled labeled
                  && labeled.getText() != null
                  && !labeled.getText().isBlank());
      if (!named) {
        found.add(control.getClass().getSimpleName() + "#" + control.getId());
      }
    }
    if (root instanceof javafx.scene.Parent parent) {
      parent.getChildrenUnmodifiable().forEach(child -> found.addAll(unnamed(child)));
    }
    return found;
  }
}
