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
 * on a chain that mines every second: a send whose nonce the other took is counted again and
 * retried, so none fails, and each attempt is journalled.
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
    int perSender = 15;
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
                      signer.sendTransaction(null, null, recipient, "0x", value, false);
                    } catch (java.io.IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  }
                },
                threads));
      }
      CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).join();

      // Every send was accepted (none threw); the refusals that were retried are journalled.
      List<JournalEntry> all =
          connections.stream().flatMap(c -> c.journal().recent(1000).stream()).toList();
      long accepted = all.stream().filter(e -> e.state() == TxState.PENDING).count();
      assertEquals(2L * perSender, accepted, "each accepted send is journalled as pending");
      all.stream()
          .filter(e -> e.state() == TxState.FAILED)
          .forEach(
              e ->
                  assertTrue(
                      NonceManager.NonceTakenException.matches(e.error().orElse("")),
                      "only taken nonces were refused: " + e.error()));
      BigInteger sent =
          connections
              .get(0)
              .web3j()
              .ethGetTransactionCount(account.getAddress(), DefaultBlockParameterName.PENDING)
              .send()
              .getTransactionCount();
      // A send that read the count a moment before the other's arrived, at a fee 10% higher,
      // replaces it in the pool (the other's receipt wait then reports it dropped): rare, and
      // the reason the count may fall short by one or two.
      assertTrue(sent.longValueExact() >= 2L * perSender - 2, "nonces used: " + sent);
      connections.forEach(ChainConnection::close);
    } finally {
      threads.shutdownNow();
    }
  }
}
