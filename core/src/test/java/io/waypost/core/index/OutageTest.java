package io.waypost.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.contracts.WaypostRegistry;
import io.waypost.core.chain.ChainConnection;
import io.waypost.core.chain.JournalReceiptProcessor;
import io.waypost.core.chain.RpcEndpoint;
import io.waypost.core.devnet.AnvilNode;
import io.waypost.core.devnet.DevAccounts;
import io.waypost.core.devnet.FoundryToolchain;
import io.waypost.core.model.Address;
import io.waypost.core.registry.RegistryClient;
import io.waypost.core.store.Database;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.Web3j;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * anvil is stopped in the middle of a sync and started again on the same port with its saved state:
 * the index reports the endpoint unreachable, keeps serving what it had marked stale, and finishes
 * once the endpoint is back.
 */
class OutageTest {

  @TempDir Path dir;

  @Test
  void staleWhileTheEndpointIsDownThenResumes() throws Exception {
    Path state = dir.resolve("anvil-state.json");
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    AnvilNode.Options options =
        AnvilNode.Options.defaults(FoundryToolchain.locate().anvil())
            .withStateFile(state)
            .withPort(port);
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    AtomicReference<AnvilNode> anvil = new AtomicReference<>(AnvilNode.start(options));
    try (Database db = Database.open(dir.resolve("waypost.db"))) {
      Address registry = deployWithApplicants(anvil.get(), db, executor);
      RpcEndpoint endpoint = RpcEndpoint.parse(anvil.get().rpcUrl());
      Web3j web3j = endpoint.connect(Duration.ofMillis(700));
      // One block per page, so the sync is many pages long and can be cut in the middle.
      RegistryIndexer indexer =
          new RegistryIndexer(
              web3j,
              endpoint.toString(),
              registry,
              "31337:" + registry,
              0,
              db,
              new RegistryIndexer.Options(0, Duration.ofSeconds(1), 1, 1),
              scheduler,
              Clock.systemUTC());
      AtomicBoolean stopped = new AtomicBoolean();
      indexer.addListener(
          update -> {
            if (stopped.compareAndSet(false, true)) {
              anvil.get().close(); // after the first page
            }
          });

      indexer.syncOnce();
      IndexerState stale = indexer.state();
      assertInstanceOf(IndexerState.Stale.class, stale);
      String reason = ((IndexerState.Stale) stale).reason();
      assertTrue(reason.contains("unreachable") && reason.contains(endpoint.toString()), reason);
      int partial = indexer.view().eventCount();
      assertTrue(partial > 0, "what was indexed before the outage is still served");
      assertTrue(indexer.view().providers().size() < 5, "but not everything");

      anvil.set(AnvilNode.start(options));
      indexer.syncOnce();
      assertInstanceOf(IndexerState.Synced.class, indexer.state());
      assertEquals(5, indexer.view().providers().size(), "the sync finished after the outage");
      web3j.shutdown();
    } finally {
      anvil.get().close();
      scheduler.shutdownNow();
      executor.shutdownNow();
    }
  }

  /** The registry plus four applicants, each in its own block. */
  private static Address deployWithApplicants(
      AnvilNode anvil, Database db, ExecutorService executor) throws Exception {
    try (ChainConnection chain =
        ChainConnection.open(
            RpcEndpoint.parse(anvil.rpcUrl()),
            31337,
            db,
            Clock.systemUTC(),
            JournalReceiptProcessor.Polling.devnet(),
            Duration.ofSeconds(5))) {
      WaypostRegistry deployed =
          WaypostRegistry.deploy(
                  chain.web3j(),
                  chain.signer(DevAccounts.account(0)),
                  new StaticGasProvider(BigInteger.ONE, BigInteger.ONE),
                  DevAccounts.account(0).getAddress(),
                  DevAccounts.account(1).getAddress(),
                  "Status",
                  "https://status.app",
                  List.of("mailserver"))
              .send();
      Address registry = Address.of(deployed.getContractAddress());
      RegistryClient client = new RegistryClient(chain, registry, executor);
      for (int i = 2; i < 6; i++) {
        client.as(DevAccounts.account(i)).applyAsProvider("Applicant " + i, "").get();
      }
      return registry;
    }
  }
}
