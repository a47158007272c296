package io.waypost.app.cli;

import io.waypost.core.devnet.DevAccounts;
import io.waypost.core.devnet.Devnet;
import io.waypost.core.devnet.DevnetNode;
import io.waypost.core.devnet.FoundryToolchain;
import io.waypost.core.store.Database;
import io.waypost.core.testing.RpcProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code discover --watch --json} as a process, against the devnet behind an RPC proxy: a curator's
 * suspension sent behind its back shows as UNTRUSTED within 10 s of being mined; stopping the
 * endpoint turns the verdicts UNKNOWN and stale, with an age that grows; {@code verify} started
 * during the outage answers from the index, stale, with exit 3; restarting the endpoint recovers
 * the verdicts.
 */
class DiscoverWatchProcessTest {

  @TempDir Path dir;

  @Test
  void aSuspensionAnOutageAndTheRecoveryAreAllPrinted() throws Exception {
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    Devnet.Options options =
        new Devnet.Options(dir, false, FoundryToolchain.locate().anvil()).withDiscovery();
    try (Database database = Database.open(dir.resolve("devnet.db"));
        Devnet devnet = Devnet.start(options, database, executor, Clock.systemUTC());
        RpcProxy proxy = new RpcProxy(devnet.profile().rpc().toString())) {
      String statusNode = nodeId(devnet, "status-mail-1");
      List<String> command = new ArrayList<>(WaypostProcess.java());
      command.addAll(List.of("discover", "--watch"));
      command.addAll(mailOn(devnet, proxy));
      command.addAll(List.of("--bootnode", devnet.profile().bootnodes().get(0), "--seconds", "30"));
      Files.createDirectories(dir.resolve("home"));
      Process watch =
          WaypostProcess.start(
              command, dir, Map.of("XDG_DATA_HOME", dir.resolve("home").toString()), false);
      LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
      WaypostProcess.read(watch, lines);
      List<String> seen = new ArrayList<>();
      try {
        WaypostProcess.await(
            lines,
            seen,
            120,
            "the first picture",
            // --watch --json prints one document per line: first each verdict now, then changes.
            l -> verdictOf(l, statusNode) != null);
        // On a loaded machine a first probe may time out: the node is probed again, and the watch
        // prints it turning trusted.
        if (!"TRUSTED".equals(verdictOf(seen.getLast(), statusNode))) {
          WaypostProcess.await(
              lines,
              seen,
              60,
              "Status's node trusted",
              l -> "TRUSTED".equals(verdictOf(l, statusNode)));
        }

        devnet
            .registry()
            .as(DevAccounts.account(0))
            .suspendProvider(Devnet.accounts().get(1).address(), "behind the watcher's back")
            .get();
        long mined = System.nanoTime();
        WaypostProcess.await(
            lines,
            seen,
            10,
            "the suspension as UNTRUSTED",
            l -> "UNTRUSTED".equals(verdictOf(l, statusNode)));
        long millis = (System.nanoTime() - mined) / 1_000_000;
        System.out.println("suspension printed " + millis + " ms after it was mined");

        proxy.stop();
        WaypostProcess.await(
            lines,
            seen,
            30,
            "stale UNKNOWN verdicts during the outage",
            l -> "UNKNOWN".equals(verdictOf(l, statusNode)) && l.contains("\"stale\":true"));
        WaypostProcess.await(lines, seen, 30, "the stale age", l -> staleFor(l) >= 0);
        long firstAge = staleFor(seen.getLast());

        // verify starts while the endpoint is down: it answers from the index the watch built
        // (same data directory), says how old it is, and exits 3: it cannot decide.
        List<String> verifyArgs = new ArrayList<>(List.of("verify", enr(devnet, "status-mail-1")));
        verifyArgs.addAll(mailOn(devnet, proxy));
        verifyArgs.addAll(List.of("--data-dir", dir.resolve("home").resolve("waypost").toString()));
        Cli.Result verify = Cli.run(verifyArgs.toArray(String[]::new));
        org.junit.jupiter.api.Assertions.assertEquals(3, verify.code(), verify.all());
        com.fasterxml.jackson.databind.JsonNode answer = verify.json();
        org.junit.jupiter.api.Assertions.assertEquals(
            "UNKNOWN", answer.get("verdict").asText(), verify.all());
        org.junit.jupiter.api.Assertions.assertTrue(answer.get("stale").asBoolean(), verify.all());
        org.junit.jupiter.api.Assertions.assertTrue(
            answer.get("registryAgeSeconds").asLong() >= firstAge, verify.all());
        org.junit.jupiter.api.Assertions.assertTrue(
            verify.out().contains("suspended"), "the index's answer is shown: " + verify.all());

        // The watch's age grows during the outage.
        WaypostProcess.await(
            lines, seen, 30, "the stale age growing", l -> staleFor(l) >= firstAge + 5);

        proxy.restart();
        WaypostProcess.await(
            lines,
            seen,
            30,
            "the verdict back after the outage",
            l -> "UNTRUSTED".equals(verdictOf(l, statusNode)) && l.contains("\"stale\":false"));
      } finally {
        WaypostProcess.stop(watch, 30);
      }
    } finally {
      executor.shutdownNow();
    }
  }

  /** The options that name the devnet's mail service behind the proxy, with JSON output. */
  private static List<String> mailOn(Devnet devnet, RpcProxy proxy) {
    return List.of(
        "--json",
        "--service",
        "mailserver",
        "--rpc",
        proxy.url(),
        "--chain-id",
        "31337",
        "--registry",
        devnet.profile().registry().value());
  }

  /** The stale age a stale status line gives, or -1. */
  private static long staleFor(String line) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"staleForSeconds\":(\\d+)").matcher(line);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  private static String enr(Devnet devnet, String name) {
    return devnet.discovery().orElseThrow().nodes().get(name).localEnr();
  }

  /** The verdict a JSON line (a picture or one change) gives {@code node}, or null. */
  private static String verdictOf(String line, String node) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"nodeId\":\"" + node + "\",\"verdict\":\"([A-Z]+)\"")
            .matcher(line);
    return m.find() ? m.group(1) : null;
  }

  private static String nodeId(Devnet devnet, String name) {
    return devnet.nodes().stream()
        .filter(n -> n.name().equals(name))
        .map(DevnetNode::nodeId)
        .findFirst()
        .orElseThrow()
        .toString();
  }
}
