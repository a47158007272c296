package io.waypost.app.cli;

import io.waypost.core.chain.RpcEndpoint;
import io.waypost.core.discovery.dns.EnrTreeUrl;
import io.waypost.core.discovery.enr.CapabilityMap;
import io.waypost.core.model.Address;
import io.waypost.core.network.NetworkProfile;
import io.waypost.core.network.NetworkProfiles;
import io.waypost.core.store.DataDirectory;
import io.waypost.core.store.Database;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.web3j.protocol.Web3j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The saved network profiles, the same ones the console's Settings shows. */
@Command(
    name = "network",
    description = "Saved networks (the console's profiles): add, list, show, remove.",
    subcommands = {
      NetworkCommands.Add.class,
      NetworkCommands.ListNetworks.class,
      NetworkCommands.Show.class,
      NetworkCommands.Remove.class
    })
final class NetworkCommands {

  private NetworkCommands() {}

  /** Where the profiles live. */
  static class Store {
    @Spec CommandSpec spec;

    @Option(
        names = "--data-dir",
        defaultValue = "${env:WAYPOST_DATA_DIR}",
        paramLabel = "DIR",
        description = "Data directory (env WAYPOST_DATA_DIR; default: the platform's).")
    Path dataDir;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    Path file() {
      return DataDirectory.resolve(Optional.ofNullable(dataDir)).resolve("waypost.db");
    }

    /** The saved profiles; none (and nothing created) if there is no store yet. */
    List<NetworkProfile> profiles() {
      if (!Files.exists(file())) {
        return List.of();
      }
      try (Database database = Database.open(file())) {
        return new NetworkProfiles(database, Clock.systemUTC()).list();
      }
    }

    NetworkProfile named(String name) {
      return profiles().stream()
          .filter(p -> p.name().equals(name))
          .findFirst()
          .orElseThrow(
              () ->
                  new ParameterException(
                      spec.commandLine(),
                      "NAME: no saved network named '" + name + "' (see `waypost network list`)"));
    }
  }

  @Command(
      name = "add",
      description =
          "Save a network: its chain and registry (checked against the endpoint) and, for"
              + " clients, bootnodes and trusted providers. Replaces one of the same name.")
  static final class Add extends Store implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "The network's name.")
    String name;

    @Option(
        names = "--rpc",
        required = true,
        paramLabel = "URL",
        converter = Values.RpcValue.class,
        description =
            "JSON-RPC endpoint (repeatable: the first is preferred, the others are fallbacks tried"
                + " in order when one fails or lags).")
    List<RpcEndpoint> rpcs = new ArrayList<>();

    @Option(
        names = "--chain-id",
        required = true,
        paramLabel = "N",
        converter = Values.ChainIdValue.class,
        description = "The chain's id.")
    long chainId;

    @Option(
        names = "--registry",
        required = true,
        paramLabel = "0x…",
        converter = Values.AddressValue.class,
        description = "The registry's address.")
    Address registry;

    @Option(
        names = "--deployment-block",
        defaultValue = "0",
        paramLabel = "N",
        converter = Values.NonNegativeValue.class,
        description =
            "Block the registry was deployed in (default: found now by binary search over"
                + " eth_getCode, and saved).")
    long deploymentBlock;

    @Option(
        names = "--confirmations",
        paramLabel = "N",
        converter = Values.DepthValue.class,
        description =
            "Blocks the index stays behind the head, 0 to 1000 (default: 2 on a network, 0 on the"
                + " devnet).")
    Integer confirmations;

    @Option(
        names = "--trust",
        paramLabel = "0x…",
        converter = Values.AddressValue.class,
        description = "A provider clients trust (repeatable).")
    List<Address> trust = new ArrayList<>();

    @Option(
        names = "--bootnode",
        paramLabel = "RECORD",
        converter = Values.RecordValue.class,
        description = "A discovery bootnode, enr:... or enode://... (repeatable).")
    List<String> bootnodes = new ArrayList<>();

    @Option(
        names = "--enrtree",
        paramLabel = "enrtree://KEY@DOMAIN",
        converter = Values.EnrTreeValue.class,
        description =
            "An EIP-1459 node list clients read over DNS (repeatable); every node in it is"
                + " verified against the registry.")
    List<EnrTreeUrl> enrTrees = new ArrayList<>();

    @Option(
        names = "--capability-map",
        paramLabel = "CAP=SERVICE,…",
        converter = Values.CapabilityMapValue.class,
        defaultValue = CapabilityMap.DEFAULT_TEXT,
        description =
            "Record capabilities that count as advertising a service (default: ${DEFAULT-VALUE};"
                + " capabilities waku2.relay|store|filter|lightpush|sync; '' maps nothing).")
    CapabilityMap capabilities;

    @Override
    public Integer call() throws Exception {
      NetworkProfile profile;
      try {
        profile =
            new NetworkProfile(
                name,
                rpcs.get(0),
                chainId,
                registry,
                deploymentBlock,
                trust,
                bootnodes,
                rpcs.subList(1, rpcs.size()),
                confirmations == null
                    ? java.util.OptionalInt.empty()
                    : java.util.OptionalInt.of(confirmations),
                enrTrees,
                capabilities);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "NAME: " + e.getMessage());
      }
      profile = checkAgainstChain(profile);
      try (Database database = Database.open(file())) {
        new NetworkProfiles(database, Clock.systemUTC()).save(profile);
      }
      print(spec.commandLine().getOut(), profile, json, "Saved network ");
      return 0;
    }

    /**
     * Every URL that answers must serve that chain (one that does not answer now is kept, with a
     * warning: a fallback may be down today), at least one must answer, and the deployment block
     * must not lie in the future; left out, it is found by binary search over eth_getCode.
     */
    private NetworkProfile checkAgainstChain(NetworkProfile profile) throws Exception {
      NetworkProfile checked = null;
      List<String> unreachable = new ArrayList<>();
      for (RpcEndpoint rpc : rpcs) {
        Web3j web3j = rpc.connect(Duration.ofSeconds(15));
        try {
          long actual = web3j.ethChainId().send().getChainId().longValueExact();
          if (actual != chainId) {
            throw new ParameterException(
                spec.commandLine(),
                (rpcs.size() > 1 ? "--rpc: " : "--chain-id: ")
                    + rpc
                    + " serves chain "
                    + actual
                    + ", not "
                    + chainId);
          }
          if (checked == null) {
            checked = checkBlocks(profile, web3j);
          }
        } catch (java.io.IOException e) {
          unreachable.add(rpc + " (" + Errors.describe(e) + ")");
        } finally {
          web3j.shutdown();
        }
      }
      if (checked == null) {
        throw new IllegalStateException("cannot reach " + String.join(", ", unreachable));
      }
      unreachable.forEach(
          u -> spec.commandLine().getErr().println("waypost: warning: cannot reach " + u + " now"));
      return checked;
    }

    private NetworkProfile checkBlocks(NetworkProfile profile, Web3j web3j)
        throws java.io.IOException {
      long head = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
      if (deploymentBlock > head) {
        throw new ParameterException(
            spec.commandLine(),
            "--deployment-block: "
                + deploymentBlock
                + " is beyond the chain's head ("
                + head
                + ")");
      }
      if (deploymentBlock != 0) {
        return profile;
      }
      try {
        return profile.withDeploymentBlock(
            io.waypost.core.network.DeploymentBlock.find(web3j, registry, head));
      } catch (java.io.IOException e) {
        throw new ParameterException(
            spec.commandLine(), "--registry: " + Errors.describe(e) + " (" + rpcs.get(0) + ")");
      }
    }
  }

  @Command(name = "list", description = "The saved networks.")
  static final class ListNetworks extends Store implements Callable<Integer> {
    @Override
    public Integer call() {
      List<NetworkProfile> profiles = profiles();
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(Json.write(profiles.stream().map(NetworkCommands::json).toList()));
      } else if (profiles.isEmpty()) {
        out.println("No saved networks (add one with `waypost network add` or `waypost deploy`).");
      } else {
        profiles.forEach(
            p ->
                out.printf(
                    "%-16s chain %-10d %s  %s%n",
                    p.name(), p.chainId(), p.registry().checksummed(), p.rpc()));
      }
      return 0;
    }
  }

  @Command(name = "show", description = "One saved network in full.")
  static final class Show extends Store implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "The network's name.")
    String name;

    @Override
    public Integer call() {
      print(spec.commandLine().getOut(), named(name), json, "");
      return 0;
    }
  }

  @Command(name = "remove", description = "Forget a saved network (the chain is not touched).")
  static final class Remove extends Store implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "The network's name.")
    String name;

    @Override
    public Integer call() {
      named(name);
      try (Database database = Database.open(file())) {
        new NetworkProfiles(database, Clock.systemUTC()).delete(name);
      }
      spec.commandLine().getOut().println("Removed network " + name);
      return 0;
    }
  }

  static void print(PrintWriter out, NetworkProfile p, boolean json, String heading) {
    if (json) {
      out.println(Json.write(json(p)));
      return;
    }
    out.println(heading + p.name());
    p.rpcs().forEach(r -> out.println("  rpc               " + r));
    out.println("  chain id          " + p.chainId());
    out.println("  registry          " + p.registry().checksummed());
    out.println("  deployment block  " + p.deploymentBlock());
    out.println(
        "  confirmations     "
            + (p.confirmations().isPresent()
                ? Integer.toString(p.confirmations().getAsInt())
                : "default"));
    p.trustedProviders().forEach(a -> out.println("  trusts            " + a.checksummed()));
    p.bootnodes().forEach(b -> out.println("  bootnode          " + b));
    p.enrTrees().forEach(t -> out.println("  node list         " + t));
    out.println(
        "  capability map    "
            + (p.capabilities().advertisesAnything() ? p.capabilities() : "(maps nothing)"));
  }

  static Map<String, Object> json(NetworkProfile p) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", p.name());
    out.put("rpc", p.rpc().toString());
    out.put("fallbackRpcs", p.fallbackRpcs().stream().map(RpcEndpoint::toString).toList());
    out.put("confirmations", p.confirmations().isPresent() ? p.confirmations().getAsInt() : null);
    out.put("chainId", p.chainId());
    out.put("registry", p.registry().checksummed());
    out.put("deploymentBlock", p.deploymentBlock());
    out.put("trustedProviders", p.trustedProviders().stream().map(Address::checksummed).toList());
    out.put("bootnodes", p.bootnodes());
    out.put("enrTrees", p.enrTrees().stream().map(EnrTreeUrl::toString).toList());
    out.put("capabilityMap", p.capabilities().toString());
    return out;
  }
}
