package io.waypost.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.core.devnet.Devnet;
import io.waypost.core.devnet.DevnetDiscovery;
import io.waypost.core.devnet.DevnetNode;
import io.waypost.core.devnet.FoundryToolchain;
import io.waypost.core.store.Database;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** verify, discover, select and request against the devnet and its live discovery network. */
class ClientCommandsTest {

  @TempDir static Path dataDir;
  private static ExecutorService executor;
  private static Database database;
  private static Devnet devnet;
  private static DevnetDiscovery network;

  @BeforeAll
  static void start() throws Exception {
    executor = Executors.newVirtualThreadPerTaskExecutor();
    database = Database.open(dataDir.resolve("devnet.db"));
    devnet =
        Devnet.start(
            new Devnet.Options(dataDir, false, FoundryToolchain.locate().anvil()),
            database,
            executor,
            Clock.systemUTC());
    network = DevnetDiscovery.start(devnet.nodes(), Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    network.close();
    devnet.close();
    database.close();
    executor.shutdownNow();
  }

  @Test
  void verifyNamesEveryCheckAndExitsByVerdict() {
    Result trusted = run("verify", enr("status-mail-1"), "--service", "mailserver");
    assertEquals(0, trusted.code, trusted.all());
    assertTrue(trusted.out.contains("TRUSTED  (Status)"), trusted.all());
    assertTrue(trusted.out.contains("PASS    ALIVE"), trusted.all());

    Result unregistered = run("verify", enr("unregistered-mail-1"), "--service", "mailserver");
    assertEquals(1, unregistered.code, unregistered.all());
    assertTrue(
        unregistered.out.contains("FAIL    REGISTERED        not registered for mailserver"),
        unregistered.all());

    Result malformed =
        run("verify", "enr:-IS4QHCYrYZbAKWCBRlAy5zzaDZXJBGk", "--service", "mailserver");
    assertEquals(1, malformed.code, malformed.all());
    assertTrue(malformed.err.contains("the record is refused"), malformed.all());
  }

  @Test
  void selectAndRequestUseAVerifiedServer() {
    // Generous limits: the commands answer as soon as they have what they need.
    Result select = run("select", "--service", "mailserver", "--seconds", "30");
    assertEquals(0, select.code, select.all());
    assertTrue(select.out.startsWith("Selected 0x"), select.all());

    Result request =
        run(
            "request",
            "--service",
            "mailserver",
            "--seconds",
            "30",
            "--data",
            "messages for 0xabcd");
    assertEquals(0, request.code, request.all());
    assertTrue(request.out.startsWith("waypost-agent time="), request.all());

    Result discover =
        run("discover", "--service", "push-notification", "--seconds", "30", "--json");
    assertEquals(0, discover.code, discover.all());
    assertTrue(discover.out.contains("\"verdict\":\"TRUSTED\""), discover.all());
  }

  @Test
  void pingAnswersWithRttAndASignedProbe() throws Exception {
    Cli.Result ping = Cli.run("ping", enr("status-mail-2"), "--bind", "127.0.0.1", "--json");
    assertEquals(0, ping.code(), ping.all());
    assertEquals(true, ping.json().get("pong").asBoolean(), ping.all());
    assertEquals(true, ping.json().get("signedProbe").asBoolean(), ping.all());

    Cli.Result bad = Cli.run("ping", "enr:not-a-record");
    assertEquals(2, bad.code(), bad.all());
    assertTrue(bad.err().contains("RECORD"), bad.all());
  }

  @Test
  void resolveFindsARecordByItsIdThroughTheDht() throws Exception {
    var target = network.nodes().get("status-push-1");
    String id = target.nodeId().toString();
    Cli.Result found =
        Cli.run(
            "resolve", id, "--bootnode", network.bootnodeEnr(), "--bind", "127.0.0.1", "--json");
    assertEquals(0, found.code(), found.all());
    assertEquals(true, found.json().get("found").asBoolean(), found.all());
    assertEquals(target.localEnr(), found.json().get("enr").asText(), found.all());

    String nobody = "0x" + "ab".repeat(32);
    Cli.Result missing =
        Cli.run("resolve", nobody, "--bootnode", network.bootnodeEnr(), "--bind", "127.0.0.1");
    assertEquals(1, missing.code(), missing.all());
    assertTrue(missing.out().contains("not found"), missing.all());

    Cli.Result shortId = Cli.run("resolve", "0x1234", "--bootnode", network.bootnodeEnr());
    assertEquals(2, shortId.code(), shortId.all());
    assertTrue(shortId.err().contains("NODE_ID"), shortId.all());

    Cli.Result nowhere = Cli.run("resolve", id);
    assertEquals(2, nowhere.code(), nowhere.all());
    assertTrue(nowhere.err().contains("--bootnode"), nowhere.all());
  }

  private static String enr(String node) {
    return network.nodes().get(node).localEnr();
  }

  private record Result(int code, String out, String err) {
    String all() {
      return "exit " + code + "\n" + out + "\n" + err;
    }
  }

  private static Result run(String... command) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(
        List.of(
            "--rpc", devnet.profile().rpc().toString(),
            "--chain-id", "31337",
            "--registry", devnet.profile().registry().value(),
            "--bootnode", network.bootnodeEnr(),
            "--data-dir", dataDir.resolve("cli").toString()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = WaypostCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  static List<DevnetNode> nodes() {
    return devnet.nodes();
  }
}
