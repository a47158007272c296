package io.waypost.core.chain;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.response.TransactionReceiptProcessor;

/**
 * Waits for receipts and keeps the journal up to date: mined, reverted (with the contract's error
 * by name, found by replaying the call), or dropped when the node has forgotten a transaction it
 * never mined for longer than {@code dropAfter}.
 */
public final class JournalReceiptProcessor extends TransactionReceiptProcessor {

  /** How to wait. A devnet mines at once, so it polls often; a real chain every second or so. */
  public record Polling(Duration interval, Duration dropAfter, Duration giveUpAfter) {
    public static Polling devnet() {
      return new Polling(Duration.ofMillis(25), Duration.ofSeconds(2), Duration.ofMinutes(2));
    }

    public static Polling network() {
      return new Polling(Duration.ofSeconds(1), Duration.ofMinutes(3), Duration.ofMinutes(30));
    }
  }

  private final Web3j web3j;
  private final TransactionJournal journal;
  private final ContractAbi abi;
  private final Clock clock;
  private final Polling polling;

  public JournalReceiptProcessor(
      Web3j web3j, TransactionJournal journal, ContractAbi abi, Clock clock, Polling polling) {
    super(web3j);
    this.web3j = web3j;
    this.journal = journal;
    this.abi = abi;
    this.clock = clock;
    this.polling = polling;
  }

  @Override
  public TransactionReceipt waitForTransactionReceipt(String hash)
      throws IOException, TransactionException {
    Instant start = clock.instant();
    Instant missingSince = null;
    while (true) {
      Optional<TransactionReceipt> receipt =
          web3j.ethGetTransactionReceipt(hash).send().getTransactionReceipt();
      if (receipt.isPresent()) {
        return settle(hash, receipt.get());
      }
      Instant now = clock.instant();
      boolean known = web3j.ethGetTransactionByHash(hash).send().getTransaction().isPresent();
      if (!known) {
        Optional<JournalEntry> entry = journal.find(hash);
        if (entry.isPresent() && nonceUsedByAnother(entry.get())) {
          String reason =
              "replaced: another transaction from "
                  + entry.get().sender().checksummed()
                  + " took nonce "
                  + entry.get().nonce()
                  + " (another process or wallet sending from the same account)";
          journal.update(hash, TxState.DROPPED, Optional.of(reason), OptionalLong.empty());
          throw new ReplacedException(hash, reason);
        }
      }
      if (known) {
        missingSince = null;
      } else if (missingSince == null) {
        missingSince = now;
      } else if (Duration.between(missingSince, now).compareTo(polling.dropAfter()) >= 0) {
        String reason =
            "the node no longer knows this transaction and it was never mined (replaced,"
                + " evicted or lost); send it again if it is still wanted";
        journal.update(hash, TxState.DROPPED, Optional.of(reason), OptionalLong.empty());
        throw new TransactionException("Transaction " + hash + " was dropped: " + reason);
      }
      if (Duration.between(start, now).compareTo(polling.giveUpAfter()) >= 0) {
        throw new TransactionException(
            "Transaction "
                + hash
                + " is still pending after "
                + polling.giveUpAfter()
                + "; it stays in the journal and is watched again at the next start");
      }
      pause();
    }
  }

  /**
   * Whether the account's mined transactions have passed this one's nonce: then it can never be
   * mined, as another transaction with its nonce was (a send from elsewhere replaced it in the
   * pool, or won the race to a block).
   */
  private boolean nonceUsedByAnother(JournalEntry entry) throws IOException {
    var count =
        web3j
            .ethGetTransactionCount(
                entry.sender().value(), org.web3j.protocol.core.DefaultBlockParameterName.LATEST)
            .send();
    return !count.hasError() && count.getTransactionCount().longValueExact() > entry.nonce();
  }

  /**
   * A transaction that can never be mined because another took its nonce; what it meant to do has
   * not happened, so its sender may sign it again with a fresh nonce.
   */
  public static final class ReplacedException extends TransactionException {
    ReplacedException(String hash, String reason) {
      super("Transaction " + hash + " was " + reason);
    }
  }

  private TransactionReceipt settle(String hash, TransactionReceipt receipt) {
    OptionalLong block = OptionalLong.of(receipt.getBlockNumber().longValueExact());
    if (receipt.isStatusOK()) {
      journal.update(hash, TxState.MINED, Optional.empty(), block);
      return receipt;
    }
    String function = journal.find(hash).map(JournalEntry::function).orElse("transaction");
    RuntimeException refusal = replay(hash, receipt, function);
    journal.update(hash, TxState.REVERTED, Optional.of(refusal.getMessage()), block);
    throw refusal;
  }

  /** A mined transaction carries no revert data; replaying it just before its block gives it. */
  private RuntimeException replay(String hash, TransactionReceipt receipt, String function) {
    try {
      var tx = web3j.ethGetTransactionByHash(hash).send().getTransaction();
      if (tx.isPresent()) {
        BigInteger before = receipt.getBlockNumber().subtract(BigInteger.ONE).max(BigInteger.ZERO);
        EthCall call =
            web3j
                .ethCall(
                    Transaction.createFunctionCallTransaction(
                        tx.get().getFrom(),
                        null,
                        null,
                        null,
                        tx.get().getTo(),
                        tx.get().getValue(),
                        tx.get().getInput()),
                    DefaultBlockParameter.valueOf(before))
                .send();
        if (call.hasError()) {
          return Reverts.toException(abi, function, call.getError());
        }
      }
    } catch (IOException e) {
      // fall through: the status alone still says it was refused
    }
    return new ContractRevertedException(
        function, "reverted in block " + receipt.getBlockNumber() + " (reason unavailable)");
  }

  private void pause() throws TransactionException {
    try {
      Thread.sleep(polling.interval());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransactionException("Interrupted while waiting for a receipt");
    }
  }
}
