package io.waypost.core.chain;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.exceptions.TransactionException;

/**
 * Picks up, at start, the transactions a previous run left unfinished: each is broadcast again if
 * the node does not know it (a crash between journalling and broadcast leaves exactly that), then
 * watched to its end like any other.
 */
public final class PendingTransactions {

  private final Web3j web3j;
  private final TransactionJournal journal;
  private final JournalReceiptProcessor receipts;
  private final OptionalLong chainId;

  /** Every unfinished transaction in the journal, whatever its chain (a store used with one). */
  public PendingTransactions(
      Web3j web3j, TransactionJournal journal, JournalReceiptProcessor receipts) {
    this(web3j, journal, receipts, OptionalLong.empty());
  }

  private PendingTransactions(
      Web3j web3j,
      TransactionJournal journal,
      JournalReceiptProcessor receipts,
      OptionalLong chainId) {
    this.web3j = web3j;
    this.journal = journal;
    this.receipts = receipts;
    this.chainId = chainId;
  }

  /**
   * The unfinished transactions of this connection's chain only: another chain's would be refused
   * here (wrong chain id) and wrongly marked failed.
   */
  public static PendingTransactions of(ChainConnection chain) {
    return new PendingTransactions(
        chain.web3j(), chain.journal(), chain.receipts(), OptionalLong.of(chain.chainId()));
  }

  /** Resumes every unfinished transaction; completes with their final journal entries. */
  public CompletableFuture<List<JournalEntry>> resume(Executor executor) {
    List<CompletableFuture<JournalEntry>> watches = new ArrayList<>();
    for (JournalEntry entry : journal.unfinished()) {
      if (chainId.isPresent() && entry.chainId() != chainId.getAsLong()) {
        continue;
      }
      watches.add(CompletableFuture.supplyAsync(() -> settle(entry), executor));
    }
    return CompletableFuture.allOf(watches.toArray(CompletableFuture[]::new))
        .thenApply(done -> watches.stream().map(CompletableFuture::join).toList());
  }

  private JournalEntry settle(JournalEntry entry) {
    try {
      boolean known =
          web3j.ethGetTransactionByHash(entry.hash()).send().getTransaction().isPresent();
      if (!known) {
        Optional<String> raw = journal.raw(entry.hash());
        if (raw.isPresent()) {
          EthSendTransaction again = web3j.ethSendRawTransaction(raw.get()).send();
          if (again.hasError() && !again.getError().getMessage().contains("already")) {
            journal.update(
                entry.hash(),
                TxState.FAILED,
                Optional.of(again.getError().getMessage()),
                OptionalLong.empty());
            return journal.find(entry.hash()).orElseThrow();
          }
        }
      }
      receipts.waitForTransactionReceipt(entry.hash());
    } catch (IOException | TransactionException | RuntimeException e) {
      // The journal already says what happened (reverted, dropped) or it stays pending for later.
    }
    return journal
        .find(entry.hash())
        .orElseThrow(
            () ->
                new CompletionException(
                    new IllegalStateException("journal entry " + entry.hash() + " vanished")));
  }
}
