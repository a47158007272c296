package io.waypost.core.network;

import io.waypost.core.chain.RpcEndpoint;
import io.waypost.core.discovery.dns.EnrTreeUrl;
import io.waypost.core.discovery.enr.CapabilityMap;
import io.waypost.core.model.Address;
import java.util.List;
import java.util.Objects;

/**
 * Which chain, registry and discovery network to use. Validated on construction: a profile that
 * exists is well-formed (whether the endpoint really is that chain is checked on connect).
 *
 * @param rpc the preferred endpoint; {@code fallbackRpcs} are tried in order when it fails
 * @param confirmations how many blocks the index stays behind the head; empty for the default (0 on
 *     the devnet, 2 elsewhere)
 * @param enrTrees EIP-1459 node lists read over DNS: every node in them is a candidate, verified
 *     against the registry like any other (bootstrap lists)
 * @param capabilities which record capabilities count as advertising which service (default: the
 *     waku2 store bit means mailserver)
 */
public record NetworkProfile(
    String name,
    RpcEndpoint rpc,
    long chainId,
    Address registry,
    long deploymentBlock,
    List<Address> trustedProviders,
    List<String> bootnodes,
    List<RpcEndpoint> fallbackRpcs,
    java.util.OptionalInt confirmations,
    List<EnrTreeUrl> enrTrees,
    CapabilityMap capabilities) {

  /**
   * A new profile without node lists and with the default capability map. To change a stored
   * profile, use the {@code with…} methods, which keep every other field.
   */
  public NetworkProfile(
      String name,
      RpcEndpoint rpc,
      long chainId,
      Address registry,
      long deploymentBlock,
      List<Address> trustedProviders,
      List<String> bootnodes,
      List<RpcEndpoint> fallbackRpcs,
      java.util.OptionalInt confirmations) {
    this(
        name,
        rpc,
        chainId,
        registry,
        deploymentBlock,
        trustedProviders,
        bootnodes,
        fallbackRpcs,
        confirmations,
        List.of(),
        CapabilityMap.defaults());
  }

  /** One endpoint, the default confirmation depth, no node lists and the default capabilities. */
  public NetworkProfile(
      String name,
      RpcEndpoint rpc,
      long chainId,
      Address registry,
      long deploymentBlock,
      List<Address> trustedProviders,
      List<String> bootnodes) {
    this(
        name,
        rpc,
        chainId,
        registry,
        deploymentBlock,
        trustedProviders,
        bootnodes,
        List.of(),
        java.util.OptionalInt.empty(),
        List.of(),
        CapabilityMap.defaults());
  }

  /** The embedded devnet's reserved name. */
  public static final String DEVNET = "devnet";

  public NetworkProfile {
    Objects.requireNonNull(rpc, "rpc");
    Objects.requireNonNull(registry, "registry");
    if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9 _.-]{0,39}")) {
      throw new IllegalArgumentException(
          "A profile name is 1 to 40 letters, digits, spaces, '.', '_' or '-', starting with a"
              + " letter or digit");
    }
    if (chainId <= 0) {
      throw new IllegalArgumentException("The chain id must be a positive number, not " + chainId);
    }
    if (deploymentBlock < 0) {
      throw new IllegalArgumentException(
          "The deployment block must not be negative, not " + deploymentBlock);
    }
    if (registry.isZero()) {
      throw new IllegalArgumentException("The registry address must not be the zero address");
    }
    trustedProviders = List.copyOf(trustedProviders);
    fallbackRpcs = List.copyOf(fallbackRpcs);
    Objects.requireNonNull(confirmations, "confirmations");
    if (confirmations.isPresent()
        && (confirmations.getAsInt() < 0 || confirmations.getAsInt() > 1000)) {
      throw new IllegalArgumentException(
          "The confirmation depth is 0 to 1000 blocks, not " + confirmations.getAsInt());
    }
    enrTrees = List.copyOf(new java.util.LinkedHashSet<>(enrTrees));
    Objects.requireNonNull(capabilities, "capabilities");
    bootnodes = List.copyOf(bootnodes);
    for (String bootnode : bootnodes) {
      if (!bootnode.startsWith("enr:") && !bootnode.startsWith("enode://")) {
        throw new IllegalArgumentException(
            "A bootnode is an ENR (enr:...) or an enode URL (enode://...), not '" + bootnode + "'");
      }
      try {
        io.waypost.core.discovery.enr.NodeRecords.parse(bootnode);
      } catch (io.waypost.core.discovery.enr.InvalidRecordException e) {
        throw new IllegalArgumentException(
            "The bootnode '" + bootnode + "' is refused: " + e.getMessage());
      }
    }
  }

  /** The registry and chain this profile indexes: the key of its rows in the store. */
  public String registryKey() {
    return chainId + ":" + registry.value();
  }

  /** Every endpoint, the preferred first. */
  public List<RpcEndpoint> rpcs() {
    List<RpcEndpoint> all = new java.util.ArrayList<>();
    all.add(rpc);
    all.addAll(fallbackRpcs);
    return List.copyOf(all);
  }

  /** The same profile with the registry's deployment block known. */
  public NetworkProfile withDeploymentBlock(long block) {
    return new NetworkProfile(
        name,
        rpc,
        chainId,
        registry,
        block,
        trustedProviders,
        bootnodes,
        fallbackRpcs,
        confirmations,
        enrTrees,
        capabilities);
  }

  /** The same profile trusting these providers. */
  public NetworkProfile withTrustedProviders(List<Address> providers) {
    return new NetworkProfile(
        name,
        rpc,
        chainId,
        registry,
        deploymentBlock,
        providers,
        bootnodes,
        fallbackRpcs,
        confirmations,
        enrTrees,
        capabilities);
  }

  /** The same profile joined through these bootnodes. */
  public NetworkProfile withBootnodes(List<String> records) {
    return new NetworkProfile(
        name,
        rpc,
        chainId,
        registry,
        deploymentBlock,
        trustedProviders,
        records,
        fallbackRpcs,
        confirmations,
        enrTrees,
        capabilities);
  }

  /** The same profile reading these node lists and mapping capabilities this way. */
  public NetworkProfile withDnsDiscovery(List<EnrTreeUrl> trees, CapabilityMap map) {
    return new NetworkProfile(
        name,
        rpc,
        chainId,
        registry,
        deploymentBlock,
        trustedProviders,
        bootnodes,
        fallbackRpcs,
        confirmations,
        trees,
        map);
  }

  public boolean isDevnet() {
    return name.equals(DEVNET);
  }
}
