package io.waypost.app.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.app.console.discovery.PeerRow;
import io.waypost.core.devnet.DevnetNode;
import io.waypost.core.network.NetworkProfile;
import io.waypost.core.store.Database;
import io.waypost.core.testing.ResourceLevels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console holds one session and swaps it whole: devnet → a second chain (its own anvil, chain
 * id 4242, a block a second, its own registry, providers and agents, confirmation depth 2), added
 * through the Settings form and connected by "Check and save" → devnet again, chosen in Settings.
 * After each switch every screen (Overview, Curator, Provider, Activity, Discovery, Trust) shows
 * that network's registry and nodes and nothing of the other; an approval made on the second chain
 * turns its node trusted there; threads and sockets return to their level once it is gone.
 */
class NetworkSwitchTest {

  private static final long SECOND_CHAIN = 4242;
  private static final List<String> DEVNET_ONLY = List.of("Nimbus Relay", "Old Mail Co");
  private static final List<String> SECOND_ONLY = List.of(SecondChain.AURORA, SecondChain.BOREALIS);

  @TempDir Path dir;

  @Test
  void devnetThenASecondChainThenDevnetEveryScreenFollowsAndNothingLeaks() throws Exception {
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    try (ConsoleFixture console = new ConsoleFixture(dir.resolve("console"), true)) {
      Set<String> devnetIds =
          console.context().devnet().orElseThrow().nodes().stream()
              .map(DevnetNode::nodeId)
              .map(Object::toString)
              .collect(Collectors.toSet());
      waitForRows(console, "the devnet's nodes", rows -> onlyFrom(rows, devnetIds) >= 8);
      everyScreenShows(
          console, "devnet · chain 31337", "Nimbus Relay", DEVNET_ONLY, SECOND_ONLY, List.of());
      ResourceLevels before = ResourceLevels.now();

      try (Database secondDb = Database.open(dir.resolve("second.db"));
          SecondChain second =
              SecondChain.start(dir.resolve("second"), SECOND_CHAIN, secondDb, executor)) {
        Set<String> secondIds =
            second.nodes.values().stream().map(Object::toString).collect(Collectors.toSet());
        addThroughSettings(console, second);
        console.waitForText("#topbar-network", "second chain · chain 4242", 120);
        ConsoleFixture.waitUntil(
            "the profile saved once connected",
            10,
            () -> console.context().profiles().find("second chain").isPresent());
        NetworkProfile saved = console.context().profiles().find("second chain").orElseThrow();
        assertEquals(
            List.of(SecondChain.aurora(), SecondChain.borealis()), saved.trustedProviders());
        assertEquals(2, saved.confirmations().orElseThrow(), "the depth typed in Settings");
        assertTrue(saved.deploymentBlock() > 0, "the deployment block found is saved");

        waitForRows(
            console,
            "the second chain's nodes and none of the devnet's",
            // The user's own custom server stays: custom servers are the user's, on any network.
            rows ->
                onlyFrom(rows, secondIds) == 3
                    && rows.stream()
                        .noneMatch(
                            r ->
                                devnetIds.contains(r.nodeId())
                                    && !r.verdictText().equals("CUSTOM")));
        everyScreenShows(
            console,
            "second chain · chain 4242",
            SecondChain.BOREALIS,
            SECOND_ONLY,
            DEVNET_ONLY,
            List.of("\"" + SecondChain.AURORA + "\", approved"));
        console.screenshot("switch-second-chain-provider");

        // An approval made on this network: Borealis Relay's node turns trusted here.
        console.navigate("curator");
        console.clickCell(SecondChain.BOREALIS);
        console.clickButton("#curator-approve");
        console.waitForText("#curator-tx", "mined in block", 30);
        waitForRows(
            console,
            "Borealis Relay's node trusted on the second chain",
            rows -> count(rows, SecondChain.BOREALIS, "TRUSTED") == 1);
        console.screenshot("switch-second-chain-discovery");
        console.navigate("trust");
        // Aurora Mail's two, Borealis Relay's one, and the user's own custom server.
        console.waitForText("#trust-preview", "of 4 usable server(s)", 60);
        console.screenshot("switch-second-chain-trust");

        chooseDevnetInSettings(console);
        console.waitForText("#topbar-network", "devnet · chain 31337", 60);
        waitForRows(
            console,
            "the devnet's nodes again, Nimbus Relay still pending there",
            rows ->
                onlyFrom(rows, devnetIds) >= 8
                    && rows.stream().noneMatch(r -> secondIds.contains(r.nodeId()))
                    && count(rows, "Nimbus Relay", "UNTRUSTED") == 1);
        everyScreenShows(
            console,
            "devnet · chain 31337",
            "Nimbus Relay",
            DEVNET_ONLY,
            List.of(
                SecondChain.AURORA,
                SecondChain.BOREALIS,
                // The approval sent on the second chain is not among this network's transactions.
                "approveProvider(" + SecondChain.borealis().value() + ")"),
            List.of());
        console.navigate("trust");
        console.waitForText("#trust-preview", "of 4 usable server(s)", 60);
      }
      before.awaitReturn(Duration.ofSeconds(30));
    } finally {
      executor.shutdownNow();
    }
  }

  /**
   * Types the second chain's profile into Settings as a user would (a wrong depth first, which is
   * refused naming the field and saves nothing), then "Check and save".
   */
  private static void addThroughSettings(ConsoleFixture console, SecondChain second) {
    console.navigate("settings");
    type(console, "#settings-profile-name", "second chain");
    type(console, "#settings-rpc-url", second.rpcUrl());
    type(console, "#settings-chain-id", Long.toString(second.chainId));
    type(console, "#settings-registry", second.registry.checksummed());
    type(console, "#settings-confirmations", "1001");
    type(console, "#settings-bootnodes", second.bootnode());
    type(
        console,
        "#settings-trusted",
        SecondChain.aurora().checksummed() + ", " + SecondChain.borealis().checksummed());
    press(console, "#settings-save-profile");
    console.waitForText("#settings-profile-error", "confirmation depth", 10);
    assertTrue(console.context().profiles().list().isEmpty(), "nothing was saved");
    type(console, "#settings-confirmations", "2");
    press(console, "#settings-save-profile");
  }

  /** Chooses the devnet in Settings' list of networks and connects. */
  private static void chooseDevnetInSettings(ConsoleFixture console) {
    console.navigate("settings");
    console.robot.interact(
        () -> {
          @SuppressWarnings("unchecked")
          ListView<NetworkProfile> list =
              console.robot.lookup("#settings-profiles").queryAs(ListView.class);
          list.requestFocus();
          list.getSelectionModel()
              .select(
                  list.getItems().stream()
                      .filter(NetworkProfile::isDevnet)
                      .findFirst()
                      .orElseThrow());
        });
    press(console, "#settings-connect");
  }

  /** Focuses a field (Tab would) and types {@code text} over what it holds. */
  private static void type(ConsoleFixture console, String query, String text) {
    TextInputControl field = console.robot.lookup(query).queryAs(TextInputControl.class);
    console.robot.interact(field::requestFocus);
    console.robot.interact(field::selectAll);
    console.robot.write(text);
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(text, field.getText(), query + " holds what was typed");
  }

  /** Presses a button from the keyboard, as a user who tabbed to it does. */
  private static void press(ConsoleFixture console, String query) {
    Node button = console.robot.lookup(query).query();
    console.robot.interact(button::requestFocus);
    console.robot.type(KeyCode.SPACE);
    WaitForAsyncUtils.waitForFxEvents();
  }

  /**
   * Visits each screen and waits until it shows {@code network} in the top bar and none of {@code
   * unwanted} (compared without case), and: Overview and Curator the provider {@code pending},
   * Activity's audit trail and Trust every one of {@code providers}, Provider {@code provider}.
   */
  private static void everyScreenShows(
      ConsoleFixture console,
      String network,
      String pending,
      List<String> providers,
      List<String> unwanted,
      List<String> provider) {
    // Overview lists pending applications; Curator shows only those until asked for all.
    screenShows(console, "overview", network, List.of(pending), unwanted);
    screenShows(console, "curator", network, List.of(pending), unwanted);
    for (String screen : List.of("activity", "trust")) {
      screenShows(console, screen, network, providers, unwanted);
    }
    screenShows(console, "provider", network, provider, unwanted);
  }

  private static void screenShows(
      ConsoleFixture console,
      String screen,
      String network,
      Collection<String> wanted,
      Collection<String> unwanted) {
    console.navigate(screen);
    List<String> required = new ArrayList<>(wanted);
    required.add(network);
    String[] last = {""};
    try {
      ConsoleFixture.waitUntil(
          screen + " shows " + required + " and none of " + unwanted,
          60,
          () -> {
            String text =
                WaitForAsyncUtils.asyncFx(() -> screenText(console)).get().toLowerCase(Locale.ROOT);
            last[0] = text;
            return required.stream().allMatch(w -> text.contains(w.toLowerCase(Locale.ROOT)))
                && unwanted.stream().noneMatch(u -> text.contains(u.toLowerCase(Locale.ROOT)));
          });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; it shows: " + last[0], e);
    }
  }

  /** The top bar's network and the screen shown, as text (not the account picker's list). */
  private static String screenText(ConsoleFixture console) {
    Node at = console.robot.lookup("#nav-overview").query();
    while (!(at instanceof javafx.scene.layout.BorderPane frame && frame.getLeft() != null)) {
      at = at.getParent();
    }
    return console.text("#topbar-network") + "\n" + textOf(frame.getCenter());
  }

  /** Everything a screen shows as text: labels, buttons, table and list rows. */
  private static String textOf(Node node) {
    StringBuilder out = new StringBuilder();
    collect(node, out);
    return out.toString();
  }

  private static void collect(Node node, StringBuilder out) {
    if (!node.isVisible()) {
      return;
    }
    if (node instanceof Labeled labeled && labeled.getText() != null) {
      out.append(labeled.getText()).append('\n');
    }
    if (node instanceof TableView<?> table) {
      table.getItems().forEach(item -> out.append(item).append('\n'));
    }
    if (node instanceof ListView<?> list) {
      list.getItems().forEach(item -> out.append(item).append('\n'));
    }
    if (node instanceof Parent parent) {
      parent.getChildrenUnmodifiable().forEach(child -> collect(child, out));
    }
  }

  private static long onlyFrom(List<PeerRow> rows, Set<String> ids) {
    return rows.stream().filter(r -> ids.contains(r.nodeId())).count();
  }

  private static long count(List<PeerRow> rows, String provider, String verdict) {
    return rows.stream()
        .filter(r -> r.provider().equals(provider) && r.verdictText().equals(verdict))
        .count();
  }

  /** Waits on the Discovery screen until its table's rows satisfy {@code condition}. */
  private static void waitForRows(
      ConsoleFixture console, String what, Predicate<List<PeerRow>> condition) {
    console.navigate("discovery");
    List<List<PeerRow>> last = new ArrayList<>(List.of(List.of()));
    try {
      ConsoleFixture.waitUntil(
          what,
          90,
          () ->
              WaitForAsyncUtils.asyncFx(
                      () -> {
                        @SuppressWarnings("unchecked")
                        TableView<PeerRow> table =
                            console.robot.lookup("#discovery-table").queryAs(TableView.class);
                        last.set(0, List.copyOf(table.getItems()));
                        return condition.test(last.get(0));
                      })
                  .get());
    } catch (AssertionError e) {
      throw new AssertionError(
          e.getMessage()
              + "; the rows: "
              + last.get(0).stream()
                  .map(r -> r.nodeId().substring(0, 8) + " " + r.provider() + " " + r.verdictText())
                  .toList(),
          e);
    }
  }
}
