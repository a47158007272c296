package io.waypost.app.cli;

import io.waypost.core.chain.RpcEndpoint;
import io.waypost.core.model.Address;
import io.waypost.core.network.NetworkProfile;
import io.waypost.core.network.NetworkProfiles;
import io.waypost.core.store.DataDirectory;
import io.waypost.core.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Which chain and registry a command talks to: a saved network profile ({@code --network}, the
 * console's profiles), or {@code --rpc --chain-id --registry} given outright; an option given
 * beside {@code --network} overrides the profile's value. Each has an environment variable, as cast
 * reads ETH_RPC_URL.
 */
final class ChainOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--network",
      defaultValue = "${env:WAYPOST_NETWORK}",
      paramLabel = "NAME",
      description = "A saved network profile (see `waypost network list`; env WAYPOST_NETWORK).")
  String network;

  @Option(
      names = "--rpc",
      defaultValue = "${env:WAYPOST_RPC_URL}",
      paramLabel = "URL",
      converter = Values.RpcValue.class,
      description = "JSON-RPC endpoint, http(s) or ws(s) (env WAYPOST_RPC_URL).")
  RpcEndpoint rpc;

  @Option(
      names = "--chain-id",
      paramLabel = "N",
      converter = Values.ChainIdValue.class,
      description = "The chain's id, checked on connect.")
  Long chainId;

  @Option(
      names = "--registry",
      paramLabel = "0x…",
      converter = Values.AddressValue.class,
      description = "The registry contract's address.")
  Address registry;

  @Option(
      names = "--deployment-block",
      paramLabel = "N",
      converter = Values.NonNegativeValue.class,
      description = "Block the registry was deployed in (indexing starts there).")
  Long deploymentBlock;

  @Option(
      names = "--data-dir",
      defaultValue = "${env:WAYPOST_DATA_DIR}",
      paramLabel = "DIR",
      description =
          "Data directory: store, journal, profiles (env WAYPOST_DATA_DIR; default: the"
              + " platform's).")
  Path dataDir;

  Path store() {
    return DataDirectory.resolve(Optional.ofNullable(dataDir)).resolve("waypost.db");
  }

  /**
   * Checks that a chain is named, before anything is opened: {@code --network} must name a saved
   * profile, else {@code --rpc}, {@code --chain-id} and (if {@code needsRegistry}) {@code
   * --registry} must all be given.
   */
  void check(boolean needsRegistry) {
    if (network != null) {
      if (!Files.exists(store())) {
        throw unknownNetwork();
      }
      return;
    }
    List<String> missing = new ArrayList<>();
    if (rpc == null) {
      missing.add("--rpc");
    }
    if (chainId == null) {
      missing.add("--chain-id");
    }
    if (needsRegistry && registry == null) {
      missing.add("--registry");
    }
    if (!missing.isEmpty()) {
      throw new ParameterException(
          mixee.commandLine(),
          "say which chain: --network NAME, or "
              + String.join(", ", missing)
              + " (missing; or their environment variables)");
    }
  }

  /** The profile to use; {@link #check} has passed. */
  NetworkProfile profile(Database database) {
    if (network == null) {
      return new NetworkProfile(
          "cli",
          rpc,
          chainId,
          registry,
          deploymentBlock == null ? 0 : deploymentBlock,
          List.of(),
          List.of());
    }
    NetworkProfile saved =
        new NetworkProfiles(database, Clock.systemUTC())
            .find(network)
            .orElseThrow(this::unknownNetwork);
    return new NetworkProfile(
        saved.name(),
        rpc == null ? saved.rpc() : rpc,
        chainId == null ? saved.chainId() : chainId,
        registry == null ? saved.registry() : registry,
        deploymentBlock == null ? saved.deploymentBlock() : deploymentBlock,
        saved.trustedProviders(),
        saved.bootnodes(),
        rpc == null ? saved.fallbackRpcs() : List.of(),
        saved.confirmations(),
        saved.enrTrees(),
        saved.capabilities());
  }

  private ParameterException unknownNetwork() {
    return new ParameterException(
        mixee.commandLine(),
        "--network: no saved network named '"
            + network
            + "' in "
            + store().getParent()
            + " (see `waypost network list`, or add it with `waypost network add`)");
  }
}
