package io.waypost.app.console;

import io.waypost.contracts.WaypostRegistry;
import io.waypost.core.chain.ChainConnection;
import io.waypost.core.chain.JournalReceiptProcessor;
import io.waypost.core.chain.RpcEndpoint;
import io.waypost.core.devnet.AnvilNode;
import io.waypost.core.devnet.DevAccounts;
import io.waypost.core.devnet.DevnetDiscovery;
import io.waypost.core.devnet.FoundryToolchain;
import io.waypost.core.discovery.NodeKey;
import io.waypost.core.model.Address;
import io.waypost.core.model.NodeId;
import io.waypost.core.model.ServiceId;
import io.waypost.core.registry.NodeRegistration;
import io.waypost.core.registry.RegistryClient;
import io.waypost.core.store.Database;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.web3j.crypto.Credentials;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * A second network that is not the devnet, for switching to: its own anvil (its own chain id, a
 * block every second, as a real chain makes them), a registry deployed here from another account
 * than the devnet's (so at another address) with its own providers, and its own agents on a
 * discovery network of their own. The devnet's account 0 is the owner and only curator here too, so
 * the console can act on both; it is also the approved provider "Aurora Mail" (two mail nodes).
 * "Borealis Relay" has applied and registered one node. The catalogue has mail only.
 */
final class SecondChain implements AutoCloseable {

  static final String AURORA = "Aurora Mail";
  static final String BOREALIS = "Borealis Relay";
  private static final int DEPLOYER = 5;
  private static final int BOREALIS_ACCOUNT = 4;

  final long chainId;
  final AnvilNode anvil;
  final ChainConnection chain;
  final Address registry;
  final DevnetDiscovery agents;
  final Map<String, NodeId> nodes;

  private SecondChain(
      long chainId,
      AnvilNode anvil,
      ChainConnection chain,
      Address registry,
      DevnetDiscovery agents,
      Map<String, NodeId> nodes) {
    this.chainId = chainId;
    this.anvil = anvil;
    this.chain = chain;
    this.registry = registry;
    this.agents = agents;
    this.nodes = nodes;
  }

  static SecondChain start(Path dir, long chainId, Database database, Executor executor)
      throws Exception {
    AnvilNode anvil =
        AnvilNode.start(
            AnvilNode.Options.defaults(FoundryToolchain.locate().anvil())
                .withChainId(chainId)
                .withBlockTime(Duration.ofSeconds(1)));
    ChainConnection chain = null;
    DevnetDiscovery agents = null;
    try {
      chain =
          ChainConnection.open(
              RpcEndpoint.parse(anvil.rpcUrl()),
              chainId,
              database,
              Clock.systemUTC(),
              JournalReceiptProcessor.Polling.devnet(),
              Duration.ofSeconds(5));
      Credentials owner = DevAccounts.account(0);
      Credentials borealis = DevAccounts.account(BOREALIS_ACCOUNT);
      Address registry =
          Address.of(
              WaypostRegistry.deploy(
                      chain.web3j(),
                      chain.signer(DevAccounts.account(DEPLOYER)),
                      new StaticGasProvider(BigInteger.ONE, BigInteger.ONE),
                      owner.getAddress(),
                      owner.getAddress(),
                      AURORA,
                      "https://aurora-mail.example",
                      List.of("mailserver"))
                  .send()
                  .getContractAddress());
      RegistryClient client = new RegistryClient(chain, registry, executor);
      Map<String, NodeId> nodes = new java.util.LinkedHashMap<>();
      List<DevnetDiscovery.Member> members = new ArrayList<>();
      List<NodeRegistration> auroraNodes = new ArrayList<>();
      List<NodeRegistration> borealisNodes = new ArrayList<>();
      for (String name : List.of("aurora-mail-1", "aurora-mail-2", "borealis-mail-1")) {
        Path keyFile = dir.resolve("node-keys").resolve(name + ".key");
        NodeKey key = NodeKey.loadOrCreate(keyFile, new SecureRandom());
        boolean aurora = name.startsWith("aurora");
        (aurora ? auroraNodes : borealisNodes)
            .add(
                NodeRegistration.sign(
                    key.ecKeyPair(),
                    chainId,
                    registry,
                    Address.of((aurora ? owner : borealis).getAddress()),
                    ServiceId.of("mailserver"),
                    0,
                    System.currentTimeMillis() / 1000 + 3600));
        nodes.put(name, key.nodeId());
        members.add(new DevnetDiscovery.Member(name, keyFile, List.of("mailserver")));
      }
      CompletableFuture.allOf(
              client.as(owner).addCurator(Address.of(owner.getAddress())),
              client.as(owner).registerNodes(auroraNodes),
              client
                  .as(borealis)
                  .applyAsProvider(BOREALIS, "https://borealis.example")
                  .thenCompose(applied -> client.as(borealis).registerNodes(borealisNodes)))
          .join();
      agents = DevnetDiscovery.startMembers(members, Clock.systemUTC());
      return new SecondChain(chainId, anvil, chain, registry, agents, Map.copyOf(nodes));
    } catch (Exception | Error e) {
      if (agents != null) {
        agents.close();
      }
      if (chain != null) {
        chain.close();
      }
      anvil.close();
      throw e;
    }
  }

  String rpcUrl() {
    return anvil.rpcUrl();
  }

  String bootnode() {
    return agents.bootnodeEnr();
  }

  static Address aurora() {
    return Address.of(DevAccounts.account(0).getAddress());
  }

  static Address borealis() {
    return Address.of(DevAccounts.account(BOREALIS_ACCOUNT).getAddress());
  }

  @Override
  public void close() {
    agents.close();
    chain.close();
    anvil.close();
  }
}
