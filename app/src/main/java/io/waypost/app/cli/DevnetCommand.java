package io.waypost.app.cli;

import io.waypost.core.devnet.Devnet;
import io.waypost.core.devnet.DevnetNode;
import io.waypost.core.devnet.FoundryToolchain;
import io.waypost.core.network.NetworkProfile;
import io.waypost.core.store.DataDirectory;
import io.waypost.core.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.web3j.utils.Numeric;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the embedded devnet on its own, for scripts, agents and other tools to talk to. */
@Command(
    name = "devnet",
    description = {
      "Start the embedded devnet (anvil with the registry deployed and seeded), print how to",
      "reach it, and keep it running until interrupted."
    })
public final class DevnetCommand implements Callable<Integer> {

  @Option(names = "--data-dir", description = "Data directory (default: the platform's).")
  Path dataDir;

  @Option(
      names = "--persist-devnet",
      description = "Keep the devnet chain in <data dir>/devnet/anvil-state.json across runs.")
  boolean persist;

  @Option(
      names = "--safe-owner",
      description =
          "Hand the registry to a 2-of-3 Safe (Safe 1.4.1, deployed here) of three devnet"
              + " accounts: it becomes the owner and the only curator, so owner and curator"
              + " actions go through it (--safe on the curator and owner commands).")
  boolean safeOwner;

  @Override
  public Integer call() throws Exception {
    Path dir = DataDirectory.resolve(Optional.ofNullable(dataDir));
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    try (Database database = Database.open(dir.resolve("waypost.db"));
        Devnet devnet =
            Devnet.start(
                new Devnet.Options(dir, persist, FoundryToolchain.locate().anvil()),
                database,
                executor,
                Clock.systemUTC())) {
      print(devnet);
      if (safeOwner) {
        printSafe(io.waypost.core.devnet.DevnetSafe.handOver(devnet));
      }
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      System.out.println("Devnet running; stop with Ctrl-C.");
      stopped.await();
    } finally {
      executor.shutdownNow();
    }
    return 0;
  }

  private static void printSafe(io.waypost.core.devnet.DevnetSafe safe) {
    System.out.println();
    System.out.println(
        "Safe      "
            + safe.safe().checksummed()
            + " ("
            + safe.threshold()
            + " of "
            + safe.owners().size()
            + "), the registry's owner and only curator");
    System.out.println("MultiSend " + safe.multiSend().checksummed() + " (MultiSendCallOnly)");
    for (var owner : safe.owners()) {
      System.out.println("  owner   " + owner.checksummed());
    }
  }

  private static void print(Devnet devnet) {
    NetworkProfile profile = devnet.profile();
    System.out.println("RPC URL   " + profile.rpc());
    System.out.println("chain id  " + profile.chainId());
    System.out.println("registry  " + profile.registry().checksummed());
    System.out.println();
    System.out.println("Accounts (anvil's public development keys; worthless anywhere else):");
    for (Devnet.DevAccount account : Devnet.accounts()) {
      System.out.printf(
          "  %-36s %s  %s%n",
          account.role(),
          account.address().checksummed(),
          Numeric.toHexStringWithPrefixZeroPadded(
              account.credentials().getEcKeyPair().getPrivateKey(), 64));
    }
    System.out.println();
    System.out.println("Service nodes:");
    for (DevnetNode node : devnet.nodes()) {
      System.out.printf(
          "  %-20s %-18s %-18s %s%n",
          node.name(), node.role(), String.join(",", node.services()), node.keyFile());
    }
  }
}
