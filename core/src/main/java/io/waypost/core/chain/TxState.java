package io.waypost.core.chain;

/** Where a journalled transaction stands. */
public enum TxState {
  /** Signed and journalled, about to be broadcast. */
  SIGNED,
  /** Accepted by the node, waiting to be mined. */
  PENDING,
  MINED,
  /** Mined, but the contract refused it; the journal holds the error by name. */
  REVERTED,
  /** The node no longer knows it and it was never mined (replaced, evicted or lost). */
  DROPPED,
  /** The node refused to accept it at all. */
  FAILED;

  public boolean isFinal() {
    return this != SIGNED && this != PENDING;
  }
}
