package io.waypost.core.chain;

import io.waypost.core.model.Address;
import java.io.IOException;
import java.math.BigInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthGetTransactionCount;

/**
 * Hands out nonces for one signer. Allocation and broadcast happen under one lock, so concurrent
 * sends from the same account reach the node in nonce order and never collide. Sends from other
 * processes are seen through the node's pending count, read before each send; when one still wins
 * the race ("nonce too low", "already known", "replacement transaction underpriced") the send is
 * retried with a fresh count.
 */
public final class NonceManager {

  /** What to do with an allocated nonce; runs while the lock is held. */
  @FunctionalInterface
  public interface Send<T> {
    T send(BigInteger nonce) throws IOException;
  }

  private final Web3j web3j;
  private final Address signer;
  private final ReentrantLock lock = new ReentrantLock(true);
  private BigInteger next;

  public NonceManager(Web3j web3j, Address signer) {
    this.web3j = web3j;
    this.signer = signer;
  }

  /**
   * Allocates the next nonce and runs {@code send} with it. If {@code send} throws, the nonce is
   * not consumed and the next call re-reads the account's count from the node.
   */
  public <T> T withNextNonce(Send<T> send) throws IOException {
    lock.lock();
    try {
      for (int attempt = 1; ; attempt++) {
        // The node's count is read before every send, not only the first: another process
        // sending from this account meanwhile has raised it, and sending our stale count (at a
        // higher fee) would silently replace its transaction in the pool.
        BigInteger counted = pendingCount();
        next = next == null ? counted : next.max(counted);
        BigInteger nonce = next;
        try {
          T result = send.send(nonce);
          next = nonce.add(BigInteger.ONE);
          return result;
        } catch (NonceTakenException e) {
          // Another process (or a wallet) sent from this account meanwhile: count again, retry.
          next = null;
          if (attempt >= MAX_ATTEMPTS) {
            throw e;
          }
          pauseBeforeRetry(attempt);
        } catch (IOException | RuntimeException e) {
          next = null;
          throw e;
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** How often a send whose nonce another sender took is retried with a fresh count. */
  static final int MAX_ATTEMPTS = 8;

  /**
   * The node refused a transaction because its nonce is used or about to be: "nonce too low",
   * "already known", "replacement transaction underpriced". The send is retried with the count read
   * again.
   */
  public static final class NonceTakenException extends IOException {
    private static final long serialVersionUID = 1L;

    public NonceTakenException(String message) {
      super(message);
    }

    /** Whether a node's refusal means the nonce was taken (node wordings vary). */
    public static boolean matches(String reason) {
      String r = reason == null ? "" : reason.toLowerCase(java.util.Locale.ROOT);
      return r.contains("nonce too low")
          || r.contains("already known")
          || r.contains("replacement transaction underpriced")
          || r.contains("nonce has already been used");
    }
  }

  private static void pauseBeforeRetry(int attempt) throws IOException {
    try {
      // A little jitter so two processes that collided do not collide again in step.
      Thread.sleep(50L * attempt + java.util.concurrent.ThreadLocalRandom.current().nextInt(50));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while retrying a send", e);
    }
  }

  /** Forget the local count; the next send asks the node. */
  public void resync() {
    lock.lock();
    try {
      next = null;
    } finally {
      lock.unlock();
    }
  }

  private BigInteger pendingCount() throws IOException {
    EthGetTransactionCount count =
        web3j.ethGetTransactionCount(signer.value(), DefaultBlockParameterName.PENDING).send();
    if (count.hasError()) {
      throw new IOException(
          "Cannot read the transaction count of " + signer + ": " + count.getError().getMessage());
    }
    return count.getTransactionCount();
  }
}
