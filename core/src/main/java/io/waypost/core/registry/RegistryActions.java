package io.waypost.core.registry;

import io.waypost.contracts.WaypostRegistry;
import io.waypost.core.model.Address;
import io.waypost.core.model.NodeId;
import io.waypost.core.model.ServiceId;
import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.web3j.crypto.ECKeyPair;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The registry's transactions, signed by one account. Each completes when mined; a refusal
 * completes it exceptionally with the contract's error by name (checked before signing, so a
 * refused action costs nothing).
 */
public final class RegistryActions {

  private final WaypostRegistry contract;
  private final long chainId;
  private final Address registry;
  private final Address account;
  private final Executor executor;

  RegistryActions(
      WaypostRegistry contract,
      long chainId,
      Address registry,
      Address account,
      Executor executor) {
    this.contract = contract;
    this.chainId = chainId;
    this.registry = registry;
    this.account = account;
    this.executor = executor;
  }

  public Address account() {
    return account;
  }

  // ------------------------------------------------------------------ owner

  public CompletableFuture<TxOutcome> addCurator(Address curator) {
    return send(contract.addCurator(curator.value()));
  }

  public CompletableFuture<TxOutcome> removeCurator(Address curator) {
    return send(contract.removeCurator(curator.value()));
  }

  public CompletableFuture<TxOutcome> transferOwnership(Address next) {
    return send(contract.transferOwnership(next.value()));
  }

  public CompletableFuture<TxOutcome> acceptOwnership() {
    return send(contract.acceptOwnership());
  }

  // ------------------------------------------------------------------ curators

  public CompletableFuture<TxOutcome> addService(String name) {
    return send(contract.addService(name));
  }

  public CompletableFuture<TxOutcome> approveProvider(Address provider) {
    return send(contract.approveProvider(provider.value()));
  }

  public CompletableFuture<TxOutcome> rejectProvider(Address provider, String reason) {
    return send(contract.rejectProvider(provider.value(), reason));
  }

  public CompletableFuture<TxOutcome> suspendProvider(Address provider, String reason) {
    return send(contract.suspendProvider(provider.value(), reason));
  }

  public CompletableFuture<TxOutcome> reinstateProvider(Address provider, String reason) {
    return send(contract.reinstateProvider(provider.value(), reason));
  }

  // ------------------------------------------------------------------ providers

  public CompletableFuture<TxOutcome> applyAsProvider(String name, String metadataUri) {
    return send(contract.applyAsProvider(name, metadataUri));
  }

  public CompletableFuture<TxOutcome> updateProvider(String name, String metadataUri) {
    return send(contract.updateProvider(name, metadataUri));
  }

  public CompletableFuture<TxOutcome> withdrawProvider() {
    return send(contract.withdrawProvider());
  }

  public CompletableFuture<TxOutcome> registerNode(NodeRegistration registration) {
    WaypostRegistry.NodeRegistration r = toStruct(registration);
    return send(
        contract.registerNode(r.serviceId, r.publicKeyX, r.publicKeyY, r.expiry, r.r, r.vs));
  }

  /** Registers many nodes in one transaction: all of them, or none. */
  public CompletableFuture<TxOutcome> registerNodes(List<NodeRegistration> registrations) {
    return send(
        contract.registerNodes(registrations.stream().map(RegistryActions::toStruct).toList()));
  }

  /**
   * Registers a node whose key this process holds: reads its nonce, signs the proof with the node
   * key for this account, and sends it.
   */
  public CompletableFuture<TxOutcome> registerOwnNode(
      ECKeyPair nodeKey, ServiceId service, long expiry) {
    NodeId nodeId = NodeRegistrationKeys.nodeIdOf(nodeKey);
    return RegistryClient.supply(() -> contract.getNode(nodeId.toArray()).send(), executor)
        .thenCompose(
            node ->
                registerNode(
                    NodeRegistration.sign(
                        nodeKey,
                        chainId,
                        registry,
                        account,
                        service,
                        node.component3().longValueExact(),
                        expiry)));
  }

  public CompletableFuture<TxOutcome> removeNode(NodeId node, ServiceId service) {
    return send(contract.removeNode(node.toArray(), service.toArray()));
  }

  private static WaypostRegistry.NodeRegistration toStruct(NodeRegistration registration) {
    return new WaypostRegistry.NodeRegistration(
        registration.serviceId().toArray(),
        registration.publicKey().slice(0, 32).toArray(),
        registration.publicKey().slice(32, 32).toArray(),
        BigInteger.valueOf(registration.expiry()),
        registration.signature().r().toArray(),
        registration.signature().vs().toArray());
  }

  private CompletableFuture<TxOutcome> send(RemoteFunctionCall<TransactionReceipt> call) {
    return RegistryClient.supply(() -> TxOutcome.of(call.send()), executor);
  }
}
