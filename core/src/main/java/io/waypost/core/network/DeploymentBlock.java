package io.waypost.core.network;

import io.waypost.core.model.Address;
import java.io.IOException;
import java.math.BigInteger;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.response.EthGetCode;

/**
 * Finds the block a contract was deployed in by binary search over {@code eth_getCode}: about 25
 * requests on mainnet instead of scanning logs from block 0. It needs the endpoint to serve old
 * state (an archive node, as public and paid endpoints are); one that refuses old state answers an
 * error, and then the search gives up and says so.
 */
public final class DeploymentBlock {

  private DeploymentBlock() {}

  /** The first block whose state holds code at {@code contract}, at most {@code head}. */
  public static long find(Web3j web3j, Address contract, long head) throws IOException {
    if (!hasCode(web3j, contract, head)) {
      throw new IOException("There is no contract at " + contract + " at block " + head);
    }
    long low = 0;
    long high = head;
    while (low < high) {
      long middle = low + (high - low) / 2;
      if (hasCode(web3j, contract, middle)) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return low;
  }

  private static boolean hasCode(Web3j web3j, Address contract, long block) throws IOException {
    EthGetCode answer =
        web3j
            .ethGetCode(contract.value(), DefaultBlockParameter.valueOf(BigInteger.valueOf(block)))
            .send();
    if (answer.hasError()) {
      throw new IOException(
          "eth_getCode at block " + block + " failed: " + answer.getError().getMessage());
    }
    String code = answer.getCode();
    return code != null && !code.equals("0x") && !code.isEmpty();
  }
}
