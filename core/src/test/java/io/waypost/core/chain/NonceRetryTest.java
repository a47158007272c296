package io.waypost.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.core.devnet.AnvilNode;
import io.waypost.core.devnet.DevAccounts;
import io.waypost.core.devnet.FoundryToolchain;
import io.waypost.core.store.Database;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * Two processes sending from one account at once (each its own connection, store and nonce count)
 * on a chain that mines every second: a send whose nonce the other took, whether refused at once or
 * replaced in the pool by the other's, is signed again with a fresh nonce, so every call is mined
 * exactly once, and each attempt is journalled.
 */
class NonceRetryTest {

  @TempDir Path dir;

  @Test
  void concurrentSendersFromOneAccountAllSucceed() throws Exception {
    AnvilNode.Options options =
        AnvilNode.Options.defaults(FoundryToolchain.locate().anvil())
            .withBlockTime(Duration.ofSeconds(1));
    Credentials account = DevAccounts.account(1);
    String recipient = DevAccounts.account(2).getAddress();
    int perSender = 10;
    ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    try (AnvilNode anvil = AnvilNode.start(options);
        Database first = Database.open(dir.resolve("first.db"));
        Database second = Database.open(dir.resolve("second.db"))) {
      List<ChainConnection> connections = new ArrayList<>();
      for (Database database : List.of(first, second)) {
        connections.add(
            ChainConnection.open(
                RpcEndpoint.parse(anvil.rpcUrl()),
                31337,
                database,
                Clock.systemUTC(),
                JournalReceiptProcessor.Polling.devnet(),
                Duration.ofSeconds(5)));
      }
      List<CompletableFuture<Void>> senders = new ArrayList<>();
      for (int s = 0; s < connections.size(); s++) {
        AccountTransactionManager signer = connections.get(s).signer(account);
        BigInteger value = BigInteger.valueOf(s + 1); // distinct transactions per sender
        senders.add(
            CompletableFuture.runAsync(
                () -> {
                  for (int i = 0; i < perSender; i++) {
                    try {
                      // As a contract call does: send, then wait for the receipt. Both senders
                      // read the count after each block, so they race for the same nonce.
                      var receipt =
                          signer.executeTransaction(null, null, recipient, "0x", value, false);
                      assertTrue(receipt.isStatusOK(), receipt.toString());
                    } catch (java.io.IOException
                        | org.web3j.protocol.exceptions.TransactionException e) {
                      throw new IllegalStateException(e);
                    }
                  }
                },
                threads));
      }
      CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).join();

      // Every call was mined once (none threw); the attempts that lost their nonce are
      // journalled with the reason, refused at once or replaced in the pool.
      List<JournalEntry> all =
          connections.stream().flatMap(c -> c.journal().recent(1000).stream()).toList();
      long mined = all.stream().filter(e -> e.state() == TxState.MINED).count();
      assertEquals(2L * perSender, mined, "each call mined once: " + all);
      all.stream()
          .filter(e -> e.state() != TxState.MINED)
          .forEach(
              e ->
                  assertTrue(
                      e.state() == TxState.FAILED
                              && NonceManager.NonceTakenException.matches(e.error().orElse(""))
                          || e.state() == TxState.DROPPED
                              && e.error().orElse("").startsWith("replaced"),
                      "only lost nonces: " + e));
      BigInteger sent =
          connections
              .get(0)
              .web3j()
              .ethGetTransactionCount(account.getAddress(), DefaultBlockParameterName.LATEST)
              .send()
              .getTransactionCount();
      assertEquals(2L * perSender, sent.longValueExact(), "no call was mined twice");
      connections.forEach(ChainConnection::close);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void aSendReplacedInThePoolBySomeoneElseIsSignedAgainWithAFreshNonce() throws Exception {
    AnvilNode.Options options =
        AnvilNode.Options.defaults(FoundryToolchain.locate().anvil())
            .withBlockTime(Duration.ofSeconds(2));
    Credentials account = DevAccounts.account(1);
    String recipient = DevAccounts.account(2).getAddress();
    try (AnvilNode anvil = AnvilNode.start(options);
        Database database = Database.open(dir.resolve("replaced.db"));
        ChainConnection chain =
            ChainConnection.open(
                RpcEndpoint.parse(anvil.rpcUrl()),
                31337,
                database,
                Clock.systemUTC(),
                JournalReceiptProcessor.Polling.devnet(),
                Duration.ofSeconds(5))) {
      AccountTransactionManager signer = chain.signer(account);
      CompletableFuture<org.web3j.protocol.core.methods.response.TransactionReceipt> call =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return signer.executeTransaction(
                      null, null, recipient, "0x", BigInteger.ONE, false);
                } catch (java.io.IOException
                    | org.web3j.protocol.exceptions.TransactionException e) {
                  throw new IllegalStateException(e);
                }
              });
      JournalEntry ours = null;
      for (int i = 0; i < 200 && ours == null; i++) {
        ours =
            chain.journal().recent(10).stream()
                .filter(e -> e.state() == TxState.PENDING)
                .findFirst()
                .orElse(null);
        if (ours == null) {
          Thread.sleep(10); // a poll of the journal: the send is moments away
        }
      }
      assertTrue(ours != null, "the call was sent and is pending");

      // Another wallet of the same account sends with that nonce and a far higher fee before the
      // next block: the pool replaces ours with it.
      var web3j = chain.web3j();
      org.web3j.crypto.RawTransaction theirs =
          org.web3j.crypto.RawTransaction.createTransaction(
              31337,
              BigInteger.valueOf(ours.nonce()),
              BigInteger.valueOf(21_000),
              recipient,
              BigInteger.TWO,
              "",
              BigInteger.valueOf(50_000_000_000L),
              BigInteger.valueOf(500_000_000_000L));
      var replaced =
          web3j
              .ethSendRawTransaction(
                  org.web3j.utils.Numeric.toHexString(
                      org.web3j.crypto.TransactionEncoder.signMessage(theirs, account)))
              .send();
      assertTrue(!replaced.hasError(), "the replacement was accepted: " + replaced.getError());

      var receipt = call.get(60, java.util.concurrent.TimeUnit.SECONDS);
      assertTrue(receipt.isStatusOK(), "our call was mined after all: " + receipt);
      JournalEntry dropped = chain.journal().find(ours.hash()).orElseThrow();
      assertEquals(TxState.DROPPED, dropped.state(), dropped.toString());
      assertTrue(dropped.error().orElse("").startsWith("replaced"), dropped.toString());
      assertEquals(
          TxState.MINED,
          chain.journal().find(receipt.getTransactionHash()).orElseThrow().state(),
          "the new attempt is journalled and mined");
      assertEquals(
          2L,
          web3j
              .ethGetTransactionCount(account.getAddress(), DefaultBlockParameterName.LATEST)
              .send()
              .getTransactionCount()
              .longValueExact(),
          "theirs and ours, each once");
    }
  }
}
