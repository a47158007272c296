package io.waypost.core.chain;

import java.math.BigInteger;

/** What a transaction offers to pay per unit of gas. */
public sealed interface Fees {

  /** EIP-1559: a cap on the total fee and a tip for the block producer. */
  record Eip1559(BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) implements Fees {}

  /** Before EIP-1559, or on nodes without fee history: one gas price. */
  record Legacy(BigInteger gasPrice) implements Fees {}
}
