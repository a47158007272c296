package io.waypost.app.console;

import io.waypost.app.console.discovery.PeerRow;
import io.waypost.core.devnet.Devnet;
import io.waypost.core.devnet.DevnetNode;
import io.waypost.core.devnet.FoundryToolchain;
import io.waypost.core.network.NetworkProfile;
import io.waypost.core.store.Database;
import io.waypost.core.testing.ResourceLevels;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console holds one session and swaps it whole: devnet → a second chain (its own anvil, chain
 * id 4242, a block a second, its own registry and discovery nodes, confirmation depth 2) → devnet.
 * After each switch every screen shows that network and nothing of the other; an approval made on
 * the second chain turns its node trusted there and not on the devnet; threads and sockets return
 * to their level once the second chain is gone.
 */
class NetworkSwitchTest {

  private static final long SECOND_CHAIN = 4242;

  @TempDir Path dir;

  @Test
  void devnetThenASecondChainThenDevnetEveryScreenFollowsAndNothingLeaks() throws Exception {
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    try (ConsoleFixture console = new ConsoleFixture(dir.resolve("console"), true)) {
      Set<String> devnetIds = ids(console.context().devnet().orElseThrow().nodes());
      console.navigate("discovery");
      waitForRows(console, "the devnet's nodes", rows -> onlyFrom(rows, devnetIds) >= 8);
      ResourceLevels before = ResourceLevels.now();

      Devnet.Options options =
          new Devnet.Options(dir.resolve("second"), false, FoundryToolchain.locate().anvil())
              .withDiscovery()
              .withChain(SECOND_CHAIN, Duration.ofSeconds(1));
      try (Database secondDb = Database.open(dir.resolve("second.db"));
          Devnet second = Devnet.start(options, secondDb, executor, Clock.systemUTC())) {
        Set<String> secondIds = ids(second.nodes());
        NetworkProfile profile =
            new NetworkProfile(
                "second chain",
                second.profile().rpc(),
                SECOND_CHAIN,
                second.profile().registry(),
                0,
                second.profile().trustedProviders(),
                second.profile().bootnodes());
        console.context().profiles().save(profile);
        console.context().connect(profile).get(120, TimeUnit.SECONDS);

        console.waitForText("#topbar-network", "second chain · chain 4242", 20);
        waitForRows(
            console,
            "the second chain's nodes and none of the devnet's",
            rows ->
                onlyFrom(rows, secondIds) >= 8
                    && rows.stream().noneMatch(r -> devnetIds.contains(r.nodeId()) && !custom(r)));
        console.screenshot("switch-second-chain-discovery");

        // An approval made on this network: Nimbus Relay's node turns trusted here.
        console.navigate("curator");
        console.clickCell("Nimbus Relay");
        console.clickButton("#curator-approve");
        console.waitForText("#curator-tx", "mined in block", 30);
        waitForRows(
            console,
            "Nimbus Relay's node trusted on the second chain",
            rows -> count(rows, "Nimbus Relay", "TRUSTED") == 1);
        console.navigate("trust");
        console.waitForText("#trust-preview", "of 5 usable server(s)", 60);

        console
            .context()
            .connect(console.context().devnet().orElseThrow().profile())
            .get(60, TimeUnit.SECONDS);
        console.waitForText("#topbar-network", "devnet · chain 31337", 20);
        waitForRows(
            console,
            "the devnet's nodes again, Nimbus Relay still pending there",
            rows ->
                onlyFrom(rows, devnetIds) >= 8
                    && rows.stream().noneMatch(r -> secondIds.contains(r.nodeId()))
                    && count(rows, "Nimbus Relay", "UNTRUSTED") == 1);
        console.navigate("trust");
        console.waitForText("#trust-preview", "of 4 usable server(s)", 60);
      }
      before.awaitReturn(Duration.ofSeconds(30));
    } finally {
      executor.shutdownNow();
    }
  }

  private static Set<String> ids(List<DevnetNode> nodes) {
    return nodes.stream().map(n -> n.nodeId().toString()).collect(Collectors.toSet());
  }

  private static boolean custom(PeerRow row) {
    return row.verdictText().equals("CUSTOM");
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
    ConsoleFixture.waitUntil(
        what,
        90,
        () ->
            WaitForAsyncUtils.asyncFx(
                    () -> {
                      @SuppressWarnings("unchecked")
                      TableView<PeerRow> table =
                          console.robot.lookup("#discovery-table").queryAs(TableView.class);
                      return condition.test(List.copyOf(table.getItems()));
                    })
                .get());
  }
}
