package io.waypost.core.bench;

import io.waypost.contracts.WaypostRegistry;
import io.waypost.core.chain.ChainConnection;
import io.waypost.core.chain.JournalReceiptProcessor;
import io.waypost.core.chain.RpcEndpoint;
import io.waypost.core.devnet.AnvilNode;
import io.waypost.core.devnet.DevAccounts;
import io.waypost.core.devnet.FoundryToolchain;
import io.waypost.core.index.RegistryIndexer;
import io.waypost.core.model.Address;
import io.waypost.core.model.ServiceId;
import io.waypost.core.registry.NodeRegistration;
import io.waypost.core.registry.RegistryActions;
import io.waypost.core.registry.RegistryClient;
import io.waypost.core.store.Database;
import io.waypost.core.testing.AnvilRpc;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * Indexing benchmark: P providers with 100 nodes each on a real anvil, then a fresh store indexes
 * the whole registry; wall time and JSON-RPC requests. Run with bench/core.sh (args: provider
 * counts, default 10 50 100, i.e. 1,000 / 5,000 / 10,000 nodes).
 */
public final class IndexBenchmark {

  private static final int NODES_PER_PROVIDER = 100;

  public static void main(String[] args) throws Exception {
    List<Integer> sizes = new ArrayList<>();
    for (String arg : args) {
      sizes.add(Integer.parseInt(arg));
    }
    if (sizes.isEmpty()) {
      sizes = List.of(10, 50, 100);
    }
    System.out.printf(
        "%-10s %-8s %-8s %-10s %-10s %-12s%n",
        "providers", "nodes", "events", "index ms", "rpc calls", "µs/event");
    for (int providers : sizes) {
      run(providers);
    }
  }

  private static void run(int providerCount) throws Exception {
    Path dir = Files.createTempDirectory("waypost-index-bench");
    ExecutorService executor = Executors.newFixedThreadPool(16);
    try (AnvilNode anvil =
            AnvilNode.start(AnvilNode.Options.defaults(FoundryToolchain.locate().anvil()));
        Database setupDb = Database.open(dir.resolve("setup.db"))) {
      AnvilRpc rpc = new AnvilRpc(anvil.rpcUrl());
      ChainConnection chain =
          ChainConnection.open(
              RpcEndpoint.parse(anvil.rpcUrl()),
              31337,
              setupDb,
              Clock.systemUTC(),
              JournalReceiptProcessor.Polling.devnet(),
              Duration.ofSeconds(30));
      Credentials owner = DevAccounts.account(0);
      Address registry =
          Address.of(
              WaypostRegistry.deploy(
                      chain.web3j(),
                      chain.signer(owner),
                      new StaticGasProvider(BigInteger.ONE, BigInteger.ONE),
                      owner.getAddress(),
                      "0x0000000000000000000000000000000000000000",
                      "",
                      "",
                      List.of("mailserver"))
                  .send()
                  .getContractAddress());
      RegistryClient client = new RegistryClient(chain, registry, executor);
      RegistryActions curator = client.as(owner);
      curator.addCurator(Address.of(owner.getAddress())).get();

      List<CompletableFuture<?>> work = new ArrayList<>();
      for (int p = 0; p < providerCount; p++) {
        Credentials provider =
            Credentials.create(ECKeyPair.create(new BigInteger(1, key("provider " + p))));
        rpc.setBalance(provider.getAddress(), "0x3635C9ADC5DEA00000");
        int index = p;
        work.add(
            client
                .as(provider)
                .applyAsProvider("Provider " + p, "https://p" + p + ".example")
                .thenCompose(done -> curator.approveProvider(Address.of(provider.getAddress())))
                .thenCompose(
                    done ->
                        client
                            .as(provider)
                            .registerNodes(nodes(chain, registry, provider, index))));
      }
      CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).get();

      try (Database fresh = Database.open(dir.resolve("index.db"))) {
        RegistryIndexer indexer =
            new RegistryIndexer(
                chain.web3j(),
                anvil.rpcUrl(),
                registry,
                "31337:" + registry,
                0,
                fresh,
                RegistryIndexer.Options.devnet(),
                Executors.newSingleThreadScheduledExecutor(),
                Clock.systemUTC());
        long start = System.nanoTime();
        int events = indexer.syncOnce();
        long micros = (System.nanoTime() - start) / 1000;
        int nodes = indexer.view().nodes().size();
        System.out.printf(
            "%-10d %-8d %-8d %-10d %-10d %-12.1f%n",
            providerCount,
            nodes,
            events,
            micros / 1000,
            indexer.rpcCalls(),
            (double) micros / events);
      }
      chain.close();
    } finally {
      executor.shutdownNow();
    }
  }

  private static List<NodeRegistration> nodes(
      ChainConnection chain, Address registry, Credentials provider, int providerIndex) {
    List<NodeRegistration> out = new ArrayList<>();
    long expiry = System.currentTimeMillis() / 1000 + 3600;
    for (int n = 0; n < NODES_PER_PROVIDER; n++) {
      ECKeyPair nodeKey =
          ECKeyPair.create(new BigInteger(1, key("node " + providerIndex + "/" + n)));
      out.add(
          NodeRegistration.sign(
              nodeKey,
              chain.chainId(),
              registry,
              Address.of(provider.getAddress()),
              ServiceId.of("mailserver"),
              0,
              expiry));
    }
    return out;
  }

  private static byte[] key(String seed) {
    return Hash.sha3(seed.getBytes(StandardCharsets.UTF_8));
  }
}
