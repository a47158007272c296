package io.waypost.core.chain;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthFeeHistory;

/**
 * Fees from the node itself: EIP-1559 from {@code eth_feeHistory} (next base fee ×2 plus the median
 * recent tip), or the node's gas price where it has no fee history (pre-London chains and some
 * providers).
 */
public final class FeeOracle {

  /** A tip that gets included on a quiet chain, where recent blocks show no tips at all. */
  static final BigInteger MIN_TIP = BigInteger.valueOf(1_000_000L); // 0.001 gwei

  private final Web3j web3j;

  public FeeOracle(Web3j web3j) {
    this.web3j = web3j;
  }

  public Fees current() throws IOException {
    EthFeeHistory history =
        web3j.ethFeeHistory(5, DefaultBlockParameterName.LATEST, List.of(50.0)).send();
    if (history.hasError()
        || history.getFeeHistory() == null
        || history.getFeeHistory().getBaseFeePerGas() == null
        || history.getFeeHistory().getBaseFeePerGas().isEmpty()
        || history.getFeeHistory().getBaseFeePerGas().stream().allMatch(BigInteger.ZERO::equals)) {
      return legacy();
    }
    List<BigInteger> baseFees = history.getFeeHistory().getBaseFeePerGas();
    BigInteger nextBaseFee = baseFees.get(baseFees.size() - 1);
    BigInteger tip = medianTip(history.getFeeHistory().getReward());
    return new Fees.Eip1559(nextBaseFee.shiftLeft(1).add(tip), tip);
  }

  private Fees legacy() throws IOException {
    var price = web3j.ethGasPrice().send();
    if (price.hasError()) {
      throw new IOException(
          "The node gives neither fee history nor a gas price: " + price.getError().getMessage());
    }
    return new Fees.Legacy(price.getGasPrice());
  }

  private static BigInteger medianTip(List<List<BigInteger>> rewards) {
    if (rewards == null || rewards.isEmpty()) {
      return MIN_TIP;
    }
    List<BigInteger> tips =
        rewards.stream().filter(r -> !r.isEmpty()).map(r -> r.get(0)).sorted().toList();
    if (tips.isEmpty()) {
      return MIN_TIP;
    }
    return tips.get(tips.size() / 2).max(MIN_TIP);
  }
}
