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
 * sends from the same account reach the node in nonce order and never collide. After a refusal that
 * suggests the count is off ("nonce too low", "already known") it reads the count again.
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
      if (next == null) {
        next = pendingCount();
      }
      BigInteger nonce = next;
      try {
        T result = send.send(nonce);
        next = nonce.add(BigInteger.ONE);
        return result;
      } catch (IOException | RuntimeException e) {
        next = null;
        throw e;
      }
    } finally {
      lock.unlock();
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
