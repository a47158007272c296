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

  /** The longest validity a node's proof may have when it is sent (1 hour to 30 days). */
  public CompletableFuture<TxOutcome> setMaxProofValidity(java.time.Duration validity) {
    return send(contract.setMaxProofValidity(BigInteger.valueOf(validity.toSeconds())));
  }

  /** How long a rejected or withdrawn provider waits before it may apply again (at most a year). */
  public CompletableFuture<TxOutcome> setReapplyCooldown(java.time.Duration cooldown) {
    return send(contract.setReapplyCooldown(BigInteger.valueOf(cooldown.toSeconds())));
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

  /**
   * Makes a provider's proposed metadata its own. The name and URI are those the curator reviewed:
   * a proposal replaced in the meantime is refused ({@code NoSuchUpdate}).
   */
  public CompletableFuture<TxOutcome> acceptProviderUpdate(
      Address provider, String name, String metadataUri) {
    return send(contract.acceptProviderUpdate(provider.value(), name, metadataUri));
  }

  public CompletableFuture<TxOutcome> declineProviderUpdate(Address provider, String reason) {
    return send(contract.declineProviderUpdate(provider.value(), reason));
  }

  // ------------------------------------------------------------------ providers

  public CompletableFuture<TxOutcome> applyAsProvider(String name, String metadataUri) {
    return send(contract.applyAsProvider(name, metadataUri));
  }

  /** Proposes new metadata; it takes effect once a curator accepts it. */
  public CompletableFuture<TxOutcome> updateProvider(String name, String metadataUri) {
    return send(contract.updateProvider(name, metadataUri));
  }

  public CompletableFuture<TxOutcome> withdrawProvider() {
    return send(contract.withdrawProvider());
  }

  public CompletableFuture<TxOutcome> registerNode(NodeRegistration registration) {
    WaypostRegistry.NodeProof p = toProof(registration);
    return send(
        contract.registerNode(registration.serviceId().toArray(), p.nodeId, p.expiry, p.r, p.vs));
  }

  /**
   * Registers many nodes in one transaction per service (the contract's batch names one service):
   * each transaction registers all of its nodes or none, and they are sent one after another in the
   * order their services first appear. Completes with the last transaction's outcome.
   */
  public CompletableFuture<TxOutcome> registerNodes(List<NodeRegistration> registrations) {
    if (registrations.isEmpty()) {
      throw new IllegalArgumentException("No node registrations to send");
    }
    java.util.Map<ServiceId, List<WaypostRegistry.NodeProof>> byService =
        new java.util.LinkedHashMap<>();
    for (NodeRegistration registration : registrations) {
      byService
          .computeIfAbsent(registration.serviceId(), s -> new java.util.ArrayList<>())
          .add(toProof(registration));
    }
    CompletableFuture<TxOutcome> chain = null;
    for (var batch : byService.entrySet()) {
      RemoteFunctionCall<TransactionReceipt> call =
          contract.registerNodes(batch.getKey().toArray(), batch.getValue());
      chain = chain == null ? send(call) : chain.thenCompose(previous -> send(call));
    }
    return chain;
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

  /**
   * Sends a node key's withdrawal of consent (anyone may send it): removes the node's registration
   * for {@code service}, or all of them when it is empty, and cancels its unused proofs.
   */
  public CompletableFuture<TxOutcome> revokeNode(NodeRevocation revocation) {
    return send(
        contract.revokeNode(
            revocation.nodeId().toArray(),
            revocation.serviceIdOrZero(),
            BigInteger.valueOf(revocation.expiry()),
            revocation.signature().r().toArray(),
            revocation.signature().vs().toArray()));
  }

  /** From the node key's own account: cancels the node's unused proofs. */
  public CompletableFuture<TxOutcome> cancelNodeProofs(NodeId node) {
    return send(contract.cancelNodeProofs(node.toArray()));
  }

  private static WaypostRegistry.NodeProof toProof(NodeRegistration registration) {
    return new WaypostRegistry.NodeProof(
        NodeId.fromPublicKey(registration.publicKey()).toArray(),
        BigInteger.valueOf(registration.expiry()),
        registration.signature().r().toArray(),
        registration.signature().vs().toArray());
  }

  private CompletableFuture<TxOutcome> send(RemoteFunctionCall<TransactionReceipt> call) {
    return RegistryClient.supply(() -> TxOutcome.of(call.send()), executor);
  }
}
