package io.waypost.core.registry;

/** A mined transaction. */
public record TxOutcome(String hash, long blockNumber, long gasUsed) {

  static TxOutcome of(org.web3j.protocol.core.methods.response.TransactionReceipt receipt) {
    return new TxOutcome(
        receipt.getTransactionHash(),
        receipt.getBlockNumber().longValueExact(),
        receipt.getGasUsed().longValueExact());
  }
}
