package io.waypost.core.devnet;

import io.waypost.contracts.WaypostRegistry;
import io.waypost.core.chain.ChainConnection;
import io.waypost.core.devnet.Devnet.DevAccount;
import io.waypost.core.devnet.DevnetNode.Role;
import io.waypost.core.discovery.NodeKey;
import io.waypost.core.model.Address;
import io.waypost.core.model.ServiceId;
import io.waypost.core.registry.NodeRegistration;
import io.waypost.core.registry.NodeRegistrationKeys;
import io.waypost.core.registry.RegistryActions;
import io.waypost.core.registry.RegistryClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.web3j.crypto.ECKeyPair;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * Deploys the registry on the devnet and fills it the way a newcomer wants to see it: Status
 * approved with mail and push-notification nodes; an applicant pending (with a node ready); a
 * suspended provider that still has nodes; a rejected applicant; plus node keys for an unregistered
 * node and a custom one.
 */
final class DevnetSeed {

  static final String MAILSERVER = "mailserver";
  static final String PUSH = "push-notification";

  private static final int OWNER = 0;
  private static final int STATUS = 1;
  private static final int PENDING = 2;
  private static final int SUSPENDED = 3;
  private static final int REJECTED = 4;

  /** Node name, role, service, provider account index (-1 for none). */
  private record NodePlan(String name, Role role, String service, int provider) {}

  private static final List<NodePlan> PLAN =
      List.of(
          new NodePlan("status-mail-1", Role.TRUSTED, MAILSERVER, STATUS),
          new NodePlan("status-mail-2", Role.TRUSTED, MAILSERVER, STATUS),
          new NodePlan("status-mail-3", Role.TRUSTED, MAILSERVER, STATUS),
          new NodePlan("status-push-1", Role.TRUSTED, PUSH, STATUS),
          new NodePlan("status-push-2", Role.TRUSTED, PUSH, STATUS),
          new NodePlan("nimbus-mail-1", Role.PENDING_PROVIDER, MAILSERVER, PENDING),
          new NodePlan("oldmail-mail-1", Role.SUSPENDED_PROVIDER, MAILSERVER, SUSPENDED),
          new NodePlan("oldmail-mail-2", Role.SUSPENDED_PROVIDER, MAILSERVER, SUSPENDED),
          new NodePlan("unregistered-mail-1", Role.UNREGISTERED, MAILSERVER, -1),
          new NodePlan("custom-mail-1", Role.CUSTOM, MAILSERVER, -1));

  private static final long PROOF_LIFETIME_SECONDS = 3600;
  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

  private final ChainConnection chain;
  private final Path devnetDir;
  private final Executor executor;

  DevnetSeed(ChainConnection chain, Path devnetDir, Executor executor) {
    this.chain = chain;
    this.devnetDir = devnetDir;
    this.executor = executor;
  }

  static List<DevAccount> accounts() {
    return List.of(
        new DevAccount("Owner and curator", DevAccounts.account(OWNER)),
        new DevAccount("Status (approved provider)", DevAccounts.account(STATUS)),
        new DevAccount("Nimbus Relay (pending applicant)", DevAccounts.account(PENDING)),
        new DevAccount("Old Mail Co (suspended provider)", DevAccounts.account(SUSPENDED)),
        new DevAccount("Spam Relay (rejected applicant)", DevAccounts.account(REJECTED)),
        new DevAccount("Newcomer (no role yet)", DevAccounts.account(5)));
  }

  static Address statusAccount() {
    return Address.of(DevAccounts.account(STATUS).getAddress());
  }

  RegistryClient deployAndSeed() throws IOException {
    Address registry = deploy();
    RegistryClient client = new RegistryClient(chain, registry, executor);
    RegistryActions owner = client.as(DevAccounts.account(OWNER));
    RegistryActions pending = client.as(DevAccounts.account(PENDING));
    RegistryActions suspended = client.as(DevAccounts.account(SUSPENDED));
    RegistryActions rejected = client.as(DevAccounts.account(REJECTED));
    all(
        owner.addCurator(owner.account()),
        pending.applyAsProvider("Nimbus Relay", "https://nimbus-relay.example/contact"),
        suspended.applyAsProvider("Old Mail Co", "https://oldmail.example"),
        rejected.applyAsProvider("Spam Relay", "https://spam-relay.example"));
    all(
        owner.approveProvider(suspended.account()),
        owner.rejectProvider(rejected.account(), "No contact details and no operator on record"),
        registerAll(client, STATUS),
        registerAll(client, PENDING));
    all(registerAll(client, SUSPENDED));
    all(
        owner.suspendProvider(
            suspended.account(), "Nodes served stale messages for two weeks (ticket #4711)"));
    Files.writeString(registryFile(), registry.value() + "\n", StandardCharsets.US_ASCII);
    return client;
  }

  private Address deploy() throws IOException {
    try {
      WaypostRegistry deployed =
          WaypostRegistry.deploy(
                  chain.web3j(),
                  chain.signer(DevAccounts.account(OWNER)),
                  new org.web3j.tx.gas.StaticGasProvider(
                      java.math.BigInteger.ONE, java.math.BigInteger.ONE),
                  DevAccounts.account(OWNER).getAddress(),
                  DevAccounts.account(STATUS).getAddress(),
                  "Status",
                  "https://status.app",
                  List.of(MAILSERVER, PUSH))
              .send();
      Files.createDirectories(devnetDir);
      return Address.of(deployed.getContractAddress());
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("Deploying the registry on the devnet failed: " + e.getMessage(), e);
    }
  }

  private CompletableFuture<?> registerAll(RegistryClient client, int providerIndex) {
    Address provider = Address.of(DevAccounts.account(providerIndex).getAddress());
    long expiry = System.currentTimeMillis() / 1000 + PROOF_LIFETIME_SECONDS;
    List<NodeRegistration> registrations = new ArrayList<>();
    for (NodePlan plan : PLAN) {
      if (plan.provider() == providerIndex) {
        registrations.add(
            NodeRegistration.sign(
                key(plan),
                chain.chainId(),
                client.address(),
                provider,
                ServiceId.of(plan.service()),
                0,
                expiry));
      }
    }
    return client.as(DevAccounts.account(providerIndex)).registerNodes(registrations);
  }

  /** The devnet's nodes with their keys (created on first use and kept). */
  List<DevnetNode> nodes(Address registry) {
    List<DevnetNode> nodes = new ArrayList<>();
    for (NodePlan plan : PLAN) {
      Optional<Address> provider =
          plan.provider() < 0
              ? Optional.empty()
              : Optional.of(Address.of(DevAccounts.account(plan.provider()).getAddress()));
      nodes.add(
          new DevnetNode(
              plan.name(),
              plan.role(),
              keyFile(plan),
              NodeRegistrationKeys.nodeIdOf(key(plan)),
              List.of(plan.service()),
              provider));
    }
    return nodes;
  }

  /** The registry deployed in a saved devnet state, if it is still there. */
  Optional<Address> existingRegistry() throws IOException {
    if (!Files.exists(registryFile())) {
      return Optional.empty();
    }
    Address address =
        Address.of(Files.readString(registryFile(), StandardCharsets.US_ASCII).strip());
    String code =
        chain
            .web3j()
            .ethGetCode(address.value(), DefaultBlockParameterName.LATEST)
            .send()
            .getCode();
    return code == null || code.equals("0x") ? Optional.empty() : Optional.of(address);
  }

  private Path registryFile() {
    return devnetDir.resolve("registry-address.txt");
  }

  private Path keyFile(NodePlan plan) {
    return devnetDir.resolve("node-keys").resolve(plan.name() + ".key");
  }

  private ECKeyPair key(NodePlan plan) {
    return NodeKey.loadOrCreate(keyFile(plan), RANDOM).ecKeyPair();
  }

  private static void all(CompletableFuture<?>... steps) {
    CompletableFuture.allOf(steps).join();
  }
}
