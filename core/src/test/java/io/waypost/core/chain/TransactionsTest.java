package io.waypost.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.core.devnet.Devnet;
import io.waypost.core.model.Address;
import io.waypost.core.registry.RegistryActions;
import io.waypost.core.registry.TxOutcome;
import io.waypost.core.testing.AnvilRpc;
import io.waypost.core.testing.DevnetFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.core.methods.response.Transaction;

class TransactionsTest {

  @TempDir Path dataDir;

  @Test
  void fiftyConcurrentSendsFromOneSignerAllMineWithDistinctNonces() throws Exception {
    try (DevnetFixture f = new DevnetFixture(dataDir)) {
      // Curators, not services: the registry caps its catalogue at 32 services, not its curators.
      RegistryActions owner = f.devnet.registry().as(Devnet.accounts().get(0).credentials());
      int curatorsBefore = f.devnet.registry().curators().get().size();
      List<CompletableFuture<TxOutcome>> sends = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        sends.add(owner.addCurator(Address.of(String.format("0x%040x", 0x5e11d000L + i))));
      }
      CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get();
      Set<Long> nonces = new HashSet<>();
      for (CompletableFuture<TxOutcome> send : sends) {
        Transaction tx =
            f.devnet
                .chain()
                .web3j()
                .ethGetTransactionByHash(send.get().hash())
                .send()
                .getTransaction()
                .orElseThrow();
        nonces.add(tx.getNonce().longValueExact());
        assertEquals(
            TxState.MINED,
            f.devnet.chain().journal().find(send.get().hash()).orElseThrow().state());
      }
      assertEquals(50, nonces.size(), "distinct nonces");
      assertEquals(
          curatorsBefore + 50, f.devnet.registry().curators().get().size(), "all fifty mined");
    }
  }

  @Test
  void aRefusalNamesTheContractsErrorAndSignsNothing() throws Exception {
    try (DevnetFixture f = new DevnetFixture(dataDir)) {
      Address stranger = Devnet.accounts().get(5).address();
      RegistryActions asStranger = f.devnet.registry().as(Devnet.accounts().get(5).credentials());
      int journalled = f.devnet.chain().journal().recent(1000).size();
      ExecutionException failure =
          assertThrows(
              ExecutionException.class,
              () -> asStranger.approveProvider(Devnet.accounts().get(2).address()).get());
      ContractRevertedException refusal =
          assertInstanceOf(ContractRevertedException.class, failure.getCause());
      assertEquals(
          "approveProvider was refused: NotCurator(" + stranger + ")", refusal.getMessage());
      assertEquals("NotCurator", refusal.error().orElseThrow().name());
      assertEquals(journalled, f.devnet.chain().journal().recent(1000).size(), "nothing was sent");
    }
  }

  @Test
  void aDroppedTransactionIsDetectedAndReported() throws Exception {
    try (DevnetFixture f = new DevnetFixture(dataDir)) {
      AnvilRpc anvil = new AnvilRpc(f.devnet.profile().rpc().toString());
      anvil.setAutomine(false);
      RegistryActions curator = f.devnet.registry().as(Devnet.accounts().get(0).credentials());
      CompletableFuture<TxOutcome> pending = curator.addService("never-mined");
      String hash = awaitPendingHash(f);
      anvil.dropTransaction(hash);
      ExecutionException failure = assertThrows(ExecutionException.class, pending::get);
      assertTrue(
          failure.getCause().getMessage().contains("dropped"), failure.getCause().getMessage());
      JournalEntry entry = f.devnet.chain().journal().find(hash).orElseThrow();
      assertEquals(TxState.DROPPED, entry.state());
      assertTrue(entry.error().orElseThrow().contains("never mined"));
      anvil.setAutomine(true);
    }
  }

  @Test
  void pendingTransactionsAreWatchedAgainAfterARestart() throws Exception {
    try (DevnetFixture f = new DevnetFixture(dataDir)) {
      AnvilRpc anvil = new AnvilRpc(f.devnet.profile().rpc().toString());
      anvil.setAutomine(false);
      RegistryActions curator = f.devnet.registry().as(Devnet.accounts().get(0).credentials());
      CompletableFuture<TxOutcome> interrupted = curator.addService("survives-restart");
      String hash = awaitPendingHash(f);
      interrupted.cancel(true); // the app goes away while the transaction is pending

      // A new process: a fresh journal over the same store finds the pending entry and watches it.
      TransactionJournal reopened = new TransactionJournal(f.database, Clock.systemUTC());
      assertEquals(List.of(hash), reopened.unfinished().stream().map(JournalEntry::hash).toList());
      PendingTransactions resumer =
          new PendingTransactions(f.devnet.chain().web3j(), reopened, f.devnet.chain().receipts());
      CompletableFuture<List<JournalEntry>> settled = resumer.resume(f.executor);
      anvil.mine(1);
      List<JournalEntry> done = settled.get();
      assertEquals(TxState.MINED, done.get(0).state());
      assertTrue(reopened.unfinished().isEmpty());
      anvil.setAutomine(true);
    }
  }

  private static String awaitPendingHash(DevnetFixture f) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      var unfinished = f.devnet.chain().journal().unfinished();
      if (!unfinished.isEmpty() && unfinished.get(0).state() == TxState.PENDING) {
        return unfinished.get(0).hash();
      }
      java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
    }
    throw new AssertionError("no pending transaction appeared in the journal");
  }
}
