package io.waypost.app.cli;

import io.waypost.core.devnet.Devnet;
import io.waypost.core.devnet.DevnetNode;
import io.waypost.core.devnet.DevnetSafe;
import io.waypost.core.devnet.FoundryToolchain;
import io.waypost.core.network.NetworkProfile;
import io.waypost.core.store.DataDirectory;
import io.waypost.core.store.Database;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.web3j.utils.Numeric;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the embedded devnet on its own, with its discovery network, for scripts, agents and client
 * commands to talk to. It stops when interrupted, and with exit code 1 when anvil dies under it.
 */
@Command(
    name = "devnet",
    description = {
      "Start the embedded devnet (anvil with the registry deployed and seeded, and a discovery",
      "network of its service nodes), print how to reach it, and keep it running until interrupted."
    })
public final class DevnetCommand implements Callable<Integer> {

  @Option(names = "--data-dir", description = "Data directory (default: the platform's).")
  Path dataDir;

  @Option(
      names = "--persist-devnet",
      description = "Keep the devnet chain in <data dir>/devnet/anvil-state.json across runs.")
  boolean persist;

  @Option(
      names = "--no-discovery",
      description = "Run the chain only, without the discovery network of its service nodes.")
  boolean noDiscovery;

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
    Devnet.Options options = new Devnet.Options(dir, persist, FoundryToolchain.locate().anvil());
    try (Database database = Database.open(dir.resolve("waypost.db"));
        Devnet devnet =
            Devnet.start(
                noDiscovery ? options : options.withDiscovery(),
                database,
                executor,
                Clock.systemUTC())) {
      Optional<DevnetSafe> safe =
          safeOwner ? Optional.of(DevnetSafe.handOver(devnet)) : Optional.empty();
      print(devnet, safe, System.out);
      CompletableFuture<String> stopped = new CompletableFuture<>();
      Thread hook = new Thread(() -> stopped.complete(null));
      Runtime.getRuntime().addShutdownHook(hook);
      devnet.anvilDied().thenAccept(stopped::complete);
      System.out.println("Devnet running; stop with Ctrl-C.");
      System.out.flush();
      String died = stopped.get();
      if (died != null) {
        System.err.println(
            "waypost: the devnet's chain stopped: "
                + died
                + ". Its RPC URL no longer answers; start `waypost devnet` again.");
        Runtime.getRuntime().removeShutdownHook(hook);
        return 1;
      }
    } finally {
      executor.shutdownNow();
    }
    return 0;
  }

  private static void print(Devnet devnet, Optional<DevnetSafe> safe, PrintStream out) {
    NetworkProfile profile = devnet.profile();
    out.println("RPC URL   " + profile.rpc());
    out.println("chain id  " + profile.chainId());
    out.println("registry  " + profile.registry().checksummed());
    profile.bootnodes().forEach(b -> out.println("bootnode  " + b));
    safe.ifPresent(s -> printSafe(s, out));
    out.println();
    out.println("Client options, for a shell (README's client examples use them):");
    out.println("  export WAYPOST_RPC_URL=" + profile.rpc().url());
    out.println("  export WAYPOST_CHAIN_ID=" + profile.chainId());
    out.println("  export WAYPOST_REGISTRY=" + profile.registry().checksummed());
    profile.bootnodes().stream()
        .findFirst()
        .ifPresent(b -> out.println("  export WAYPOST_BOOTNODE=" + b));
    printAccounts(safe.map(DevnetSafe::accounts).orElseGet(Devnet::accounts), out);
    out.println();
    out.println("Service nodes" + (profile.bootnodes().isEmpty() ? ":" : " (discovery running):"));
    for (DevnetNode node : devnet.nodes()) {
      out.printf(
          "  %-20s %-18s %-18s %s%n",
          node.name(), node.role(), String.join(",", node.services()), node.keyFile());
    }
  }

  /** The Safe that holds the registry, its owners and how to act through it. */
  static void printSafe(DevnetSafe safe, PrintStream out) {
    out.println();
    out.println(
        "The registry's owner and only curator is a Safe: "
            + safe.threshold()
            + " of its "
            + safe.owners().size()
            + " owners sign each owner or curator action.");
    out.println("Safe      " + safe.safe().checksummed());
    out.println("MultiSend " + safe.multiSend().checksummed() + " (MultiSendCallOnly)");
    for (var owner : safe.owners()) {
      out.println("  Safe owner " + owner.checksummed());
    }
    out.println(
        "Act as the Safe with --safe "
            + safe.safe().checksummed()
            + " and --safe-owner KEYSTORE (one per signing owner) or --safe-export FILE.");
  }

  /** The devnet's accounts with the role each plays. */
  static void printAccounts(List<Devnet.DevAccount> accounts, PrintStream out) {
    out.println();
    out.println("Accounts (anvil's public development keys; worthless anywhere else):");
    int width = accounts.stream().mapToInt(a -> a.role().length()).max().orElse(0);
    for (Devnet.DevAccount account : accounts) {
      out.printf(
          "  %-" + width + "s  %s  %s%n",
          account.role(),
          account.address().checksummed(),
          Numeric.toHexStringWithPrefixZeroPadded(
              account.credentials().getEcKeyPair().getPrivateKey(), 64));
    }
  }
}
