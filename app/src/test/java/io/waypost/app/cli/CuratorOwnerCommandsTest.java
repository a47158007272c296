package io.waypost.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.waypost.core.account.Keystores;
import io.waypost.core.devnet.DevAccounts;
import io.waypost.core.devnet.Devnet;
import io.waypost.core.devnet.FoundryToolchain;
import io.waypost.core.store.Database;
import java.nio.file.Files;
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
import org.web3j.utils.Numeric;

/**
 * curator and owner commands against the devnet's registry, signed with encrypted keystores, and
 * the journal they write (tx list, status).
 */
class CuratorOwnerCommandsTest {

  @TempDir static Path dir;
  private static ExecutorService executor;
  private static Database database;
  private static Devnet devnet;
  private static Path ownerKeystore;
  private static Path newcomerKeystore;
  private static Path passwordFile;

  @BeforeAll
  static void start() throws Exception {
    executor = Executors.newVirtualThreadPerTaskExecutor();
    database = Database.open(dir.resolve("devnet.db"));
    devnet =
        Devnet.start(
            new Devnet.Options(dir, false, FoundryToolchain.locate().anvil()),
            database,
            executor,
            Clock.systemUTC());
    Keystores keystores = new Keystores(dir.resolve("keystores"), Keystores.Strength.LIGHT);
    ownerKeystore = keystores.importPrivateKey(key(0), "secret").file();
    newcomerKeystore = keystores.importPrivateKey(key(5), "secret").file();
    passwordFile = Files.writeString(dir.resolve("password"), "secret\n");
  }

  @AfterAll
  static void stop() {
    devnet.close();
    database.close();
    executor.shutdownNow();
  }

  private static String key(int account) {
    return Numeric.toHexStringNoPrefixZeroPadded(
        DevAccounts.account(account).getEcKeyPair().getPrivateKey(), 64);
  }

  private static String address(int account) {
    return DevAccounts.account(account).getAddress();
  }

  @Test
  void curatorDecidesAndOwnerManagesCurators() {
    Cli.Result pending = run("curator", "pending", "--json");
    assertEquals(0, pending.code(), pending.all());
    assertEquals(address(2), pending.json().get(0).get("address").asText().toLowerCase());

    Cli.Result refused = run(signed(newcomerKeystore, "curator", "approve", address(2)));
    assertEquals(1, refused.code(), refused.all());
    assertTrue(refused.err().contains("NotCurator"), refused.all());

    Cli.Result added = run(signed(ownerKeystore, "owner", "add-curator", address(5), "--json"));
    assertEquals(0, added.code(), added.all());
    JsonNode outcome = added.json();
    assertEquals("addCurator", outcome.get("action").asText());
    assertTrue(outcome.get("transactionHash").asText().matches("0x[0-9a-f]{64}"), added.all());

    Cli.Result approved = run(signed(newcomerKeystore, "curator", "approve", address(2), "--json"));
    assertEquals(0, approved.code(), approved.all());
    assertEquals("approveProvider", approved.json().get("action").asText());
    assertEquals("[]", run("curator", "pending", "--json").json().toString());

    Cli.Result suspended =
        run(signed(newcomerKeystore, "curator", "suspend", address(2), "--reason", "stale"));
    assertEquals(0, suspended.code(), suspended.all());
    assertTrue(suspended.out().startsWith("suspendProvider done: block "), suspended.all());

    Cli.Result journal = Cli.run("tx", "list", "--json", "--data-dir", cliDir());
    assertEquals(0, journal.code(), journal.all());
    List<String> functions = new ArrayList<>();
    journal
        .json()
        .forEach(e -> functions.add(e.get("function").asText() + " " + e.get("state").asText()));
    assertTrue(functions.contains("addCurator MINED"), journal.all());
    assertTrue(functions.contains("suspendProvider MINED"), journal.all());

    Cli.Result cooldown =
        run(signed(ownerKeystore, "owner", "set-reapply-cooldown", "3d", "--json"));
    assertEquals(0, cooldown.code(), cooldown.all());
    assertEquals("setReapplyCooldown", cooldown.json().get("action").asText());
    assertEquals(
        java.time.Duration.ofDays(3),
        devnet.registry().settings().join().reapplyCooldown(),
        "changed on-chain");
    Cli.Result tooLong =
        run(signed(ownerKeystore, "owner", "set-max-proof-validity", "45d", "--json"));
    assertEquals(2, tooLong.code(), tooLong.all());
    assertTrue(
        tooLong.err().contains("Maximum proof validity must be between 1 hour and 30 days"),
        tooLong.all());

    String hash = outcome.get("transactionHash").asText();
    Cli.Result status = Cli.run("tx", "status", hash, "--json", "--data-dir", cliDir());
    assertEquals("MINED", status.json().get("state").asText(), status.all());
  }

  @Test
  void aCuratorAddsAServiceAndDecidesOnMetadataUpdates() throws Exception {
    Cli.Result added = run(signed(ownerKeystore, "curator", "add-service", "relay", "--json"));
    assertEquals(0, added.code(), added.all());
    assertEquals("addService", added.json().get("action").asText());
    assertTrue(
        devnet.registry().services().get().stream().anyMatch(s -> s.name().equals("relay")),
        "the catalogue lists relay now");

    Cli.Result badName = run(signed(ownerKeystore, "curator", "add-service", "Bad Name"));
    assertEquals(2, badName.code(), badName.all());
    assertTrue(badName.err().contains("NAME: 'Bad Name' is not a service name"), badName.all());

    // Old Mail Co (account 3) proposes nothing: there is nothing to accept, and it says so.
    Cli.Result nothing = run(signed(ownerKeystore, "curator", "accept-update", address(3)));
    assertEquals(1, nothing.code(), nothing.all());
    assertTrue(nothing.err().contains("has no pending metadata update"), nothing.all());

    Cli.Result notANode =
        run(signed(ownerKeystore, "curator", "remove-node", "0x1234", "--service", "relay"));
    assertEquals(2, notANode.code(), notANode.all());
    assertTrue(notANode.err().contains("NODE_ID"), notANode.all());
  }

  @Test
  void supportSeesProvidersAndANodesStory() {
    Cli.Result providers = run("providers", "--json");
    assertEquals(0, providers.code(), providers.all());
    List<String> statuses = new ArrayList<>();
    providers
        .json()
        .forEach(p -> statuses.add(p.get("name").asText() + " " + p.get("status").asText()));
    assertTrue(statuses.contains("Status APPROVED"), providers.all());
    assertTrue(statuses.contains("Old Mail Co SUSPENDED"), providers.all());

    String node =
        devnet.nodes().stream()
            .filter(n -> n.name().equals("status-mail-1"))
            .findFirst()
            .orElseThrow()
            .nodeId()
            .toString();
    Cli.Result story = run("node", node, "--json");
    assertEquals(0, story.code(), story.all());
    JsonNode json = story.json();
    assertEquals(address(1), json.get("provider").asText().toLowerCase());
    assertEquals("mailserver", json.get("services").get(0).get("service").asText());
    assertTrue(json.get("services").get(0).get("trusted").asBoolean(), story.all());
  }

  @Test
  void aStoreThatCannotBeOpenedIsNamedForWhatItIs() throws Exception {
    Path asDirectory = dir.resolve("store-is-a-directory");
    Files.createDirectories(asDirectory.resolve("waypost.db"));
    Path notSqlite = dir.resolve("store-is-text");
    Files.createDirectories(notSqlite);
    Files.writeString(
        notSqlite.resolve("waypost.db"), "these are not the pages you want ".repeat(64));
    for (Path data : List.of(asDirectory, notSqlite)) {
      Cli.Result result =
          Cli.run(
              "curator",
              "pending",
              "--rpc",
              rpc(),
              "--chain-id",
              "31337",
              "--registry",
              devnet.profile().registry().value(),
              "--data-dir",
              data.toString());
      assertEquals(1, result.code(), result.all());
      assertTrue(
          result.err().contains(data == asDirectory ? "is a directory" : "not a SQLite file"),
          result.all());
    }
  }

  @Test
  void aWrongPasswordIsAFailureThatSaysSo() throws Exception {
    Path wrong = Files.writeString(dir.resolve("wrong-password"), "not it");
    Cli.Result result =
        run(
            "owner",
            "add-curator",
            address(4),
            "--keystore",
            ownerKeystore.toString(),
            "--password-file",
            wrong.toString());
    assertEquals(1, result.code(), result.all());
    assertTrue(result.err().contains("does not unlock"), result.all());
  }

  @Test
  void badUsageExitsTwoAndWritesNothing() {
    Path fresh = dir.resolve("fresh");
    String[][] cases = {
      {"curator", "approve", address(2), "--rpc", rpc(), "--chain-id", "31337"},
      {"curator", "approve", "0x12", "--keystore", ownerKeystore.toString()},
      {"owner", "add-curator", address(2), "--chain-id", "0", "--keystore", "k"},
      {"owner", "transfer", address(2), "--keystore", dir.toString()},
      {"curator", "approve", address(2), "--network", "nowhere"},
      {"tx", "status", "0x1234"},
      {"owner", "set-max-proof-validity", "45d", "--keystore", ownerKeystore.toString()},
      {"owner", "set-reapply-cooldown", "3 weeks", "--keystore", ownerKeystore.toString()},
    };
    for (String[] args : cases) {
      List<String> all = new ArrayList<>(List.of(args));
      all.addAll(List.of("--data-dir", fresh.toString()));
      Cli.Result result = Cli.run(all.toArray(String[]::new));
      assertEquals(2, result.code(), result.all());
      assertFalse(result.err().contains("Exception"), result.all());
      assertFalse(Files.exists(fresh.resolve("waypost.db")), String.join(" ", args));
    }
  }

  private static String rpc() {
    return devnet.profile().rpc().toString();
  }

  private static String[] signed(Path keystore, String... command) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(
        List.of("--keystore", keystore.toString(), "--password-file", passwordFile.toString()));
    return args.toArray(String[]::new);
  }

  private static Cli.Result run(String... command) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(
        List.of(
            "--rpc", rpc(),
            "--chain-id", "31337",
            "--registry", devnet.profile().registry().value(),
            "--data-dir", cliDir()));
    return Cli.run(args.toArray(String[]::new));
  }

  private static String cliDir() {
    return dir.resolve("cli").toString();
  }
}
