package io.waypost.core.chain;

import io.waypost.core.model.Address;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthGetCode;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.TransactionManager;
import org.web3j.utils.Numeric;

/**
 * Sends one account's transactions for web3j's generated wrappers, the way Waypost wants them sent:
 * gas estimated by the node (a refusal is reported as the contract's error by name before anything
 * is signed), fees from the node, nonces from the account's {@link NonceManager}, every transaction
 * journalled before it is broadcast, receipts awaited by a {@link JournalReceiptProcessor}. The gas
 * figures the wrappers pass in are ignored.
 */
public final class AccountTransactionManager extends TransactionManager {

  /** Headroom over the node's estimate, for state that changes between estimate and mining. */
  private static final int GAS_MARGIN_PERCENT = 20;

  private final Web3j web3j;
  private final Credentials credentials;
  private final Address sender;
  private final long chainId;
  private final NonceManager nonces;

  /** Sends of one call whose nonce another sender took, before giving up. */
  private static final int MAX_REPLACED_ATTEMPTS = 5;

  private final FeeOracle fees;
  private final TransactionJournal journal;
  private final ContractAbi abi;

  public AccountTransactionManager(
      Web3j web3j,
      Credentials credentials,
      long chainId,
      NonceManager nonces,
      FeeOracle fees,
      TransactionJournal journal,
      ContractAbi abi,
      JournalReceiptProcessor receipts) {
    super(receipts, credentials.getAddress());
    this.web3j = web3j;
    this.credentials = credentials;
    this.sender = Address.of(credentials.getAddress());
    this.chainId = chainId;
    this.nonces = nonces;
    this.fees = fees;
    this.journal = journal;
    this.abi = abi;
  }

  public Address sender() {
    return sender;
  }

  /**
   * Forgets the locally counted nonce, so the next send asks the node. Needed after the chain
   * itself went back (a reorganisation, a devnet snapshot revert).
   */
  public void resyncNonce() {
    nonces.resync();
  }

  @Override
  public EthSendTransaction sendTransaction(
      BigInteger gasPrice,
      BigInteger gasLimit,
      String to,
      String data,
      BigInteger value,
      boolean constructor)
      throws IOException {
    return send(to, data, value, constructor);
  }

  @Override
  public EthSendTransaction sendEIP1559Transaction(
      long chainId,
      BigInteger maxPriorityFeePerGas,
      BigInteger maxFeePerGas,
      BigInteger gasLimit,
      String to,
      String data,
      BigInteger value,
      boolean constructor)
      throws IOException {
    return send(to, data, value, constructor);
  }

  /**
   * Sends and waits for the receipt, as web3j's contracts do; when another sender from this account
   * took the nonce (its transaction replaced this one in the pool, or was mined first), signs the
   * same call again with a fresh nonce. Each attempt is journalled: the replaced one as dropped
   * with the reason, the next as a new transaction.
   */
  @Override
  public TransactionReceipt executeTransaction(
      BigInteger gasPrice,
      BigInteger gasLimit,
      String to,
      String data,
      BigInteger value,
      boolean constructor)
      throws IOException, TransactionException {
    return sendUntilMined(to, data, value, constructor);
  }

  @Override
  public TransactionReceipt executeTransactionEIP1559(
      long chainId,
      BigInteger maxPriorityFeePerGas,
      BigInteger maxFeePerGas,
      BigInteger gasLimit,
      String to,
      String data,
      BigInteger value,
      boolean constructor)
      throws IOException, TransactionException {
    return sendUntilMined(to, data, value, constructor);
  }

  private TransactionReceipt sendUntilMined(
      String to, String data, BigInteger value, boolean constructor)
      throws IOException, TransactionException {
    for (int attempt = 1; ; attempt++) {
      EthSendTransaction sent = send(to, data, value, constructor);
      try {
        return processResponse(sent);
      } catch (JournalReceiptProcessor.ReplacedException replaced) {
        if (attempt >= MAX_REPLACED_ATTEMPTS) {
          throw replaced;
        }
        nonces.resync(); // the count this process kept is behind the chain's
      }
    }
  }

  private EthSendTransaction send(String to, String data, BigInteger value, boolean constructor)
      throws IOException {
    Optional<ContractError> call = constructor ? Optional.empty() : abi.decodeCall(data);
    String function = constructor ? "deploy" : call.map(ContractError::name).orElse("call");
    String summary = constructor ? "deploy" : call.map(ContractError::toString).orElse(function);
    String recipient = constructor || to == null || to.isEmpty() ? null : to;
    BigInteger gasLimit = estimateGas(recipient, data, value, function);
    Fees offer = fees.current();
    return nonces.withNextNonce(
        nonce -> {
          RawTransaction raw =
              switch (offer) {
                case Fees.Eip1559 f ->
                    RawTransaction.createTransaction(
                        chainId,
                        nonce,
                        gasLimit,
                        recipient == null ? "" : recipient,
                        value,
                        data,
                        f.maxPriorityFeePerGas(),
                        f.maxFeePerGas());
                case Fees.Legacy f ->
                    RawTransaction.createTransaction(
                        nonce,
                        f.gasPrice(),
                        gasLimit,
                        recipient == null ? "" : recipient,
                        value,
                        data);
              };
          byte[] signed =
              offer instanceof Fees.Eip1559
                  ? TransactionEncoder.signMessage(raw, credentials)
                  : TransactionEncoder.signMessage(raw, chainId, credentials);
          String hex = Numeric.toHexString(signed);
          String hash = Hash.sha3(hex);
          journal.recordSigned(
              hash,
              chainId,
              sender,
              Optional.ofNullable(recipient).map(Address::of),
              nonce.longValueExact(),
              function,
              summary,
              hex);
          EthSendTransaction response = web3j.ethSendRawTransaction(hex).send();
          if (response.hasError()) {
            String reason = response.getError().getMessage();
            journal.update(
                hash, TxState.FAILED, Optional.of(reason), java.util.OptionalLong.empty());
            String message = "The node refused " + summary + ": " + reason;
            if (NonceManager.NonceTakenException.matches(reason)) {
              throw new NonceManager.NonceTakenException(message);
            }
            throw new IOException(message);
          }
          journal.update(hash, TxState.PENDING, Optional.empty(), java.util.OptionalLong.empty());
          return response;
        });
  }

  private BigInteger estimateGas(String to, String data, BigInteger value, String function)
      throws IOException {
    Transaction call =
        Transaction.createFunctionCallTransaction(
            sender.value(), null, null, null, to, value, data);
    EthEstimateGas estimate = web3j.ethEstimateGas(call).send();
    if (estimate.hasError()) {
      throw refusal(function, estimate.getError());
    }
    BigInteger gas = estimate.getAmountUsed();
    return gas.add(
        gas.multiply(BigInteger.valueOf(GAS_MARGIN_PERCENT)).divide(BigInteger.valueOf(100)));
  }

  @Override
  public String sendCall(String to, String data, DefaultBlockParameter block) throws IOException {
    EthCall result =
        web3j.ethCall(Transaction.createEthCallTransaction(sender.value(), to, data), block).send();
    if (result.hasError()) {
      String function = abi.decodeCall(data).map(ContractError::name).orElse("call");
      throw refusal(function, result.getError());
    }
    return result.getValue();
  }

  @Override
  public EthGetCode getCode(String address, DefaultBlockParameter block) throws IOException {
    return web3j.ethGetCode(address, block).send();
  }

  RuntimeException refusal(String function, org.web3j.protocol.core.Response.Error error) {
    return Reverts.toException(abi, function, error);
  }
}
