package io.waypost.core.registry;

import io.waypost.contracts.WaypostRegistry;
import io.waypost.core.chain.ChainConnection;
import io.waypost.core.chain.ContractRevertedException;
import io.waypost.core.model.Address;
import io.waypost.core.model.NodeId;
import io.waypost.core.model.ProviderStatus;
import io.waypost.core.model.ServiceId;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.tuweni.bytes.Bytes32;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * Typed access to one deployed registry: every view, and every transaction through {@link
 * #as(Credentials)}. All operations run on the injected executor and return futures; a refusal
 * completes them with a {@link ContractRevertedException} naming the contract's error.
 */
public final class RegistryClient {

  /** The gas figures the generated wrapper wants are ignored: the node estimates every send. */
  static final ContractGasProvider IGNORED_GAS =
      new StaticGasProvider(BigInteger.ONE, BigInteger.ONE);

  /** The contract's verifyBatch limit. */
  static final int MAX_BATCH = 1000;

  private final ChainConnection chain;
  private final Address address;
  private final Executor executor;
  private final WaypostRegistry reader;

  public RegistryClient(ChainConnection chain, Address address, Executor executor) {
    this.chain = chain;
    this.address = address;
    this.executor = executor;
    this.reader = WaypostRegistry.load(address.value(), chain.web3j(), chain.reader(), IGNORED_GAS);
  }

  /**
   * Connects to the registry at {@code address}, first checking that the address holds the Waypost
   * registry's code (and not nothing, or another contract).
   */
  public static RegistryClient connect(ChainConnection chain, Address address, Executor executor) {
    RegistryClient client = new RegistryClient(chain, address, executor);
    client.checkDeployment();
    return client;
  }

  private void checkDeployment() {
    try {
      String code =
          chain
              .web3j()
              .ethGetCode(address.value(), org.web3j.protocol.core.DefaultBlockParameterName.LATEST)
              .send()
              .getCode();
      if (code == null || code.equals("0x") || code.isEmpty()) {
        throw new NotARegistryException(address, chain.chainId(), "there is no contract there");
      }
      byte[] typehash;
      byte[] separator;
      try {
        typehash = reader.NODE_REGISTRATION_TYPEHASH().send();
        separator = reader.domainSeparator().send();
      } catch (RuntimeException | IOException e) {
        throw new NotARegistryException(
            address, chain.chainId(), "the contract there does not answer the registry's views");
      } catch (Exception e) {
        throw new NotARegistryException(address, chain.chainId(), e.getMessage());
      }
      Bytes32 expectedTypehash =
          Bytes32.wrap(
              org.web3j.crypto.Hash.sha3(
                  NodeRegistrationProof.MESSAGE_TYPE.getBytes(
                      java.nio.charset.StandardCharsets.UTF_8)));
      if (!Bytes32.wrap(typehash).equals(expectedTypehash)
          || !Bytes32.wrap(separator)
              .equals(NodeRegistrationProof.domainSeparator(chain.chainId(), address.value()))) {
        throw new NotARegistryException(
            address, chain.chainId(), "the contract there is another version or another contract");
      }
    } catch (IOException e) {
      throw new io.waypost.core.chain.ChainUnreachableException(chain.endpoint(), e);
    }
  }

  public Address address() {
    return address;
  }

  public ChainConnection chain() {
    return chain;
  }

  /** Transactions signed by {@code account}. */
  public RegistryActions as(Credentials account) {
    return new RegistryActions(
        WaypostRegistry.load(address.value(), chain.web3j(), chain.signer(account), IGNORED_GAS),
        chain.chainId(),
        address,
        Address.of(account.getAddress()),
        executor);
  }

  // ------------------------------------------------------------------ views

  public CompletableFuture<Verification> verify(NodeId node, ServiceId service) {
    return call(reader.verify(node.toArray(), service.toArray()))
        .thenApply(
            t ->
                new Verification(
                    node,
                    service,
                    t.component1(),
                    providerOrEmpty(t.component2()),
                    ProviderStatus.fromCode(t.component3().intValueExact())));
  }

  /** Verifies any number of nodes, {@value #MAX_BATCH} per eth_call. */
  public CompletableFuture<List<Verification>> verifyBatch(List<NodeId> nodes, ServiceId service) {
    return supply(
        () -> {
          List<Verification> out = new ArrayList<>(nodes.size());
          for (int from = 0; from < nodes.size(); from += MAX_BATCH) {
            List<NodeId> chunk = nodes.subList(from, Math.min(nodes.size(), from + MAX_BATCH));
            String answer =
                chain
                    .reader()
                    .sendCall(
                        address.value(),
                        BatchVerifyCodec.encode(chunk, service),
                        org.web3j.protocol.core.DefaultBlockParameterName.LATEST);
            out.addAll(BatchVerifyCodec.decode(answer, chunk, service));
          }
          return out;
        });
  }

  public CompletableFuture<ProviderRecord> provider(Address account) {
    return call(reader.getProvider(account.value()))
        .thenApply(
            t ->
                new ProviderRecord(
                    account,
                    ProviderStatus.fromCode(t.component1().intValueExact()),
                    Instant.ofEpochSecond(t.component2().longValueExact()),
                    Instant.ofEpochSecond(t.component3().longValueExact()),
                    t.component4(),
                    t.component5()));
  }

  /** Every provider that ever applied, in order of first application. */
  public CompletableFuture<List<Address>> providers() {
    return supply(
        () -> {
          List<Address> all = new ArrayList<>();
          BigInteger page = BigInteger.valueOf(500);
          while (true) {
            List<?> addresses = reader.listProviders(BigInteger.valueOf(all.size()), page).send();
            addresses.forEach(a -> all.add(Address.of(a.toString())));
            if (addresses.size() < page.intValue()) {
              return all;
            }
          }
        });
  }

  public CompletableFuture<NodeRecord> node(NodeId node) {
    return call(reader.getNode(node.toArray()))
        .thenApply(
            t ->
                new NodeRecord(
                    node,
                    providerOrEmpty(t.component1()),
                    t.component2().stream().map(b -> new ServiceId(Bytes32.wrap(b))).toList(),
                    t.component3().longValueExact()));
  }

  /** The metadata a provider proposed and no curator has decided on yet, if any. */
  public CompletableFuture<Optional<ProviderUpdate>> pendingUpdate(Address account) {
    return call(reader.pendingProviderUpdate(account.value()))
        .thenApply(
            t ->
                t.component1().signum() == 0
                    ? Optional.empty()
                    : Optional.of(
                        new ProviderUpdate(
                            account,
                            t.component2(),
                            t.component3(),
                            Instant.ofEpochSecond(t.component1().longValueExact()))));
  }

  /** The owner's settings: longest proof validity and re-application cooldown. */
  public CompletableFuture<RegistrySettings> settings() {
    return supply(
        () ->
            new RegistrySettings(
                java.time.Duration.ofSeconds(reader.maxProofValidity().send().longValueExact()),
                java.time.Duration.ofSeconds(reader.reapplyCooldown().send().longValueExact())));
  }

  public CompletableFuture<List<Address>> curators() {
    return supply(
        () -> {
          List<?> list = reader.curators().send();
          return list.stream().map(a -> Address.of(a.toString())).toList();
        });
  }

  public CompletableFuture<Boolean> isCurator(Address account) {
    return call(reader.isCurator(account.value()));
  }

  public CompletableFuture<Address> owner() {
    return call(reader.owner()).thenApply(Address::of);
  }

  public CompletableFuture<Optional<Address>> pendingOwner() {
    return call(reader.pendingOwner()).thenApply(RegistryClient::providerOrEmpty);
  }

  /** The service catalogue: ids with their names. */
  public CompletableFuture<List<ServiceEntry>> services() {
    return supply(
        () -> {
          List<ServiceEntry> out = new ArrayList<>();
          for (Object id : reader.serviceIds().send()) {
            byte[] bytes = (byte[]) id;
            out.add(
                new ServiceEntry(
                    new ServiceId(Bytes32.wrap(bytes)), reader.serviceName(bytes).send()));
          }
          return out;
        });
  }

  /** A service in the registry's catalogue. */
  public record ServiceEntry(ServiceId id, String name) {}

  // ------------------------------------------------------------------ helpers

  static Optional<Address> providerOrEmpty(String hex) {
    Address address = Address.of(hex);
    return address.isZero() ? Optional.empty() : Optional.of(address);
  }

  private <T> CompletableFuture<T> call(RemoteFunctionCall<T> call) {
    return supply(call::send);
  }

  /** Work that may throw; runs on the client's executor. */
  @FunctionalInterface
  interface ChainWork<T> {
    T run() throws Exception;
  }

  <T> CompletableFuture<T> supply(ChainWork<T> work) {
    return supply(work, executor);
  }

  static <T> CompletableFuture<T> supply(ChainWork<T> work, Executor executor) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return work.run();
          } catch (RuntimeException e) {
            throw e instanceof CompletionException ? e : new CompletionException(e);
          } catch (Exception e) {
            throw new CompletionException(e);
          }
        },
        executor);
  }
}
