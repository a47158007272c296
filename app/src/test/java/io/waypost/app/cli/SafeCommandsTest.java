package io.waypost.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.core.account.Keystores;
import io.waypost.core.devnet.DevAccounts;
import io.waypost.core.devnet.Devnet;
import io.waypost.core.devnet.FoundryToolchain;
import io.waypost.core.model.Address;
import io.waypost.core.model.ProviderStatus;
import io.waypost.core.safe.SafeCall;
import io.waypost.core.safe.SafeDeployer;
import io.waypost.core.safe.TransactionBuilderBatch;
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
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/**
 * {@code --safe} on the owner and curator commands, against a real 2-of-3 Safe 1.4.1 deployed on
 * the devnet from the Safe project's artifacts: ownership handed to the Safe, an approval exported
 * as a Transaction Builder batch, a suspension executed here with two owners' keystores.
 */
class SafeCommandsTest {

  @TempDir static Path dir;
  private static ExecutorService executor;
  private static Database database;
  private static Devnet devnet;
  private static Path payer;
  private static final List<Path> OWNERS = new ArrayList<>();
  private static Path passwordFile;
  private static Address safe;

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
    payer = keystores.importPrivateKey(key(DevAccounts.account(0)), "secret").file();
    List<Address> owners = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Credentials owner = Credentials.create(Keys.createEcKeyPair());
      OWNERS.add(keystores.importPrivateKey(key(owner), "secret").file());
      owners.add(Address.of(owner.getAddress()));
    }
    passwordFile = Files.writeString(dir.resolve("password"), "secret\n");
    SafeDeployer deployer = new SafeDeployer(devnet.chain(), DevAccounts.account(0));
    safe = deployer.createSafe(deployer.deployContracts(), owners, 2);
  }

  @AfterAll
  static void stop() {
    devnet.close();
    database.close();
    executor.shutdownNow();
  }

  @Test
  void ownerAndCuratorActionsThroughASafe() throws Exception {
    Cli.Result transfer = run(signed("owner", "transfer", safe.value()));
    assertEquals(0, transfer.code(), transfer.all());

    Cli.Result accepted =
        run(signed("owner", "accept", "--safe", safe.value(), owner(0), owner(1), "--json"));
    assertEquals(0, accepted.code(), accepted.all());
    assertEquals(safe.checksummed(), accepted.json().get("safe").asText());
    assertTrue(accepted.err().contains("Signature 1 of 2"), accepted.all());
    assertTrue(accepted.err().contains("Signature 2 of 2"), accepted.all());
    assertEquals(safe, devnet.registry().owner().get(), "the Safe owns the registry");

    Cli.Result curator =
        run(
            signed(
                "owner", "add-curator", safe.value(), "--safe", safe.value(), owner(2), owner(0)));
    assertEquals(0, curator.code(), curator.all());
    assertTrue(devnet.registry().isCurator(safe).get());

    // Exported for the Safe app: nothing is sent.
    Path batch = dir.resolve("approve.json");
    Address nimbus = Address.of(DevAccounts.account(2).getAddress());
    Cli.Result exported =
        run(
            "curator",
            "approve",
            nimbus.value(),
            "--safe",
            safe.value(),
            "--safe-export",
            batch.toString());
    assertEquals(0, exported.code(), exported.all());
    assertTrue(exported.out().contains("2 signatures needed"), exported.all());
    List<SafeCall> calls = TransactionBuilderBatch.calls(Files.readString(batch));
    assertEquals("approveProvider", calls.get(0).method());
    assertEquals(List.of(nimbus.checksummed()), calls.get(0).values());
    assertEquals(ProviderStatus.PENDING, devnet.registry().provider(nimbus).get().status());

    // Executed here, with two owners' keystores; the devnet's owner account pays.
    Address status = Address.of(DevAccounts.account(1).getAddress());
    Cli.Result suspended =
        run(
            signed(
                "curator",
                "suspend",
                status.value(),
                "--reason",
                "stale messages",
                "--safe",
                safe.value(),
                owner(1),
                owner(2)));
    assertEquals(0, suspended.code(), suspended.all());
    assertEquals(ProviderStatus.SUSPENDED, devnet.registry().provider(status).get().status());

    // One owner is too few: refused before anything is signed or sent, with the reason.
    Cli.Result tooFew =
        run(
            signed(
                "curator",
                "reinstate",
                status.value(),
                "--reason",
                "fixed",
                "--safe",
                safe.value(),
                owner(0)));
    assertEquals(1, tooFew.code(), tooFew.all());
    assertTrue(tooFew.err().contains("needs 2 owner signatures"), tooFew.all());
    // A refusal by the registry is named, not hidden behind the Safe's GS013.
    Cli.Result refused =
        run(
            signed(
                "curator", "approve", status.value(), "--safe", safe.value(), owner(0), owner(1)));
    assertEquals(1, refused.code(), refused.all());
    assertTrue(refused.err().contains("WrongProviderStatus"), refused.all());
  }

  @Test
  void safeOptionsWithoutTheirCounterpartAreBadUsage() {
    String[][] cases = {
      {"curator", "approve", safe.value(), "--safe", safe.value()},
      {"curator", "approve", safe.value(), "--safe-export", "x.json"},
      {"curator", "approve", safe.value(), "--safe", safe.value(), "--safe-export", "-", owner(0)},
    };
    for (String[] args : cases) {
      Cli.Result result = run(args);
      assertEquals(2, result.code(), result.all());
      assertFalse(result.err().contains("Exception"), result.all());
    }
  }

  private static String owner(int i) {
    return "--safe-owner=" + OWNERS.get(i);
  }

  private static String key(Credentials account) {
    return Numeric.toHexStringNoPrefixZeroPadded(account.getEcKeyPair().getPrivateKey(), 64);
  }

  private static String[] signed(String... command) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(
        List.of("--keystore", payer.toString(), "--password-file", passwordFile.toString()));
    return args.toArray(String[]::new);
  }

  private static Cli.Result run(String... command) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(
        List.of(
            "--rpc", devnet.profile().rpc().toString(),
            "--chain-id", "31337",
            "--registry", devnet.profile().registry().value(),
            "--data-dir", dir.resolve("cli").toString()));
    return Cli.run(args.toArray(String[]::new));
  }
}
