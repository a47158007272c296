package io.waypost.core.safe;

import io.waypost.core.chain.ChainConnection;
import io.waypost.core.model.Address;
import io.waypost.core.registry.TxOutcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.tuweni.bytes.Bytes32;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * A deployed Safe (1.3 or 1.4 line): reads its owners, threshold and nonce, and executes calls
 * through it with signatures from owners whose keys are at hand (a small team, a devnet).
 */
public final class SafeAccount {

  private final ChainConnection chain;
  private final Address safe;

  public SafeAccount(ChainConnection chain, Address safe) {
    this.chain = chain;
    this.safe = safe;
  }

  public Address address() {
    return safe;
  }

  @SuppressWarnings({"rawtypes", "unchecked"}) // web3j decodes into raw Type lists
  public List<Address> owners() {
    List<Type> out =
        read("getOwners", new TypeReference<DynamicArray<org.web3j.abi.datatypes.Address>>() {});
    List<org.web3j.abi.datatypes.Address> owners =
        ((DynamicArray<org.web3j.abi.datatypes.Address>) out.get(0)).getValue();
    return owners.stream().map(a -> Address.of(a.getValue())).toList();
  }

  public int threshold() {
    return ((Uint256) read("getThreshold", new TypeReference<Uint256>() {}).get(0))
        .getValue()
        .intValueExact();
  }

  public BigInteger nonce() {
    return ((Uint256) read("nonce", new TypeReference<Uint256>() {}).get(0)).getValue();
  }

  /**
   * Executes {@code calls} through the Safe: several go through {@code multiSend} (needed only
   * then). Each key in {@code ownerKeys} signs the Safe transaction's hash until the threshold is
   * met; {@code sender} pays for the transaction (any account). Reports each step to {@code
   * progress}. Refuses keys that are not owners, and too few of them, before sending anything.
   */
  @SuppressWarnings("rawtypes") // web3j's Function takes raw Type lists
  public TxOutcome execute(
      List<SafeCall> calls,
      Optional<Address> multiSend,
      List<Credentials> ownerKeys,
      Credentials sender,
      Consumer<SafeProgress> progress)
      throws IOException {
    if (calls.size() > 1 && multiSend.isEmpty()) {
      throw new IllegalArgumentException(
          "Several calls go through the Safe's MultiSendCallOnly contract: give its address");
    }
    List<Address> owners = owners();
    int threshold = threshold();
    List<Credentials> signers = new ArrayList<>();
    for (Credentials key : ownerKeys) {
      Address who = Address.of(key.getAddress());
      if (!owners.contains(who)) {
        throw new IllegalArgumentException(
            who.checksummed() + " is not an owner of the Safe " + safe.checksummed());
      }
      if (signers.stream().noneMatch(k -> k.getAddress().equalsIgnoreCase(key.getAddress()))) {
        signers.add(key);
      }
    }
    if (signers.size() < threshold) {
      throw new IllegalArgumentException(
          "The Safe "
              + safe.checksummed()
              + " needs "
              + threshold
              + " owner signatures; keys of "
              + signers.size()
              + " owners were given");
    }
    // The Safe reports a failing inner call only as GS013; trying a single call as the Safe first
    // names the contract's own error, before anyone signs. (The calls of a batch may depend on
    // each other, so they are not tried one by one.)
    if (calls.size() == 1) {
      chain.tryCall(safe, calls.get(0).to(), calls.get(0).data().toHexString());
    }
    SafeTransaction tx = SafeTransaction.of(calls, multiSend.orElse(Address.ZERO), nonce());
    Bytes32 hash = tx.hash(chain.chainId(), safe);
    // The Safe wants the signatures ordered by signer address, ascending.
    signers.sort(Comparator.comparing(k -> new BigInteger(k.getAddress().substring(2), 16)));
    signers = signers.subList(0, threshold);
    ByteArrayOutputStream signatures = new ByteArrayOutputStream();
    int count = 0;
    for (Credentials key : signers) {
      Sign.SignatureData s = Sign.signMessage(hash.toArrayUnsafe(), key.getEcKeyPair(), false);
      signatures.writeBytes(s.getR());
      signatures.writeBytes(s.getS());
      signatures.writeBytes(s.getV());
      count++;
      Address who = Address.of(key.getAddress());
      progress.accept(
          new SafeProgress(
              SafeProgress.Step.SIGNED,
              count,
              threshold,
              Optional.of(who),
              "Signature " + count + " of " + threshold + " by " + who.checksummed()));
    }
    List<Type> arguments = new ArrayList<>(tx.fields());
    arguments.add(new DynamicBytes(signatures.toByteArray()));
    String data = FunctionEncoder.encode(new Function("execTransaction", arguments, List.of()));
    progress.accept(
        new SafeProgress(
            SafeProgress.Step.SENT,
            count,
            threshold,
            Optional.empty(),
            "Sending execTransaction (Safe nonce " + tx.nonce() + ") from " + sender.getAddress()));
    TransactionReceipt receipt = send(chain, sender, safe, data);
    TxOutcome outcome =
        new TxOutcome(
            receipt.getTransactionHash(),
            receipt.getBlockNumber().longValueExact(),
            receipt.getGasUsed().longValueExact());
    progress.accept(
        new SafeProgress(
            SafeProgress.Step.MINED,
            count,
            threshold,
            Optional.empty(),
            "Executed in block " + outcome.blockNumber() + " (" + outcome.hash() + ")"));
    return outcome;
  }

  /** Sends a call from {@code from} and waits until it is mined; a revert is an IOException. */
  static TransactionReceipt send(ChainConnection chain, Credentials from, Address to, String data)
      throws IOException {
    org.web3j.protocol.core.methods.response.EthSendTransaction sent =
        chain
            .signer(from)
            .sendTransaction(
                BigInteger.ONE, BigInteger.ONE, to.value(), data, BigInteger.ZERO, false);
    if (sent.hasError()) {
      throw new IOException(
          "The transaction to " + to + " was refused: " + sent.getError().getMessage());
    }
    try {
      TransactionReceipt receipt =
          chain.receipts().waitForTransactionReceipt(sent.getTransactionHash());
      if (!receipt.isStatusOK()) {
        throw new IOException("The transaction " + receipt.getTransactionHash() + " reverted");
      }
      return receipt;
    } catch (org.web3j.protocol.exceptions.TransactionException e) {
      throw new IOException("The transaction to " + to + " was not mined: " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("rawtypes")
  private List<Type> read(String method, TypeReference<?> output) {
    Function function = new Function(method, List.of(), List.of(output));
    try {
      String answer =
          chain
              .web3j()
              .ethCall(
                  org.web3j.protocol.core.methods.request.Transaction.createEthCallTransaction(
                      null, safe.value(), FunctionEncoder.encode(function)),
                  DefaultBlockParameterName.LATEST)
              .send()
              .getValue();
      List<Type> out = FunctionReturnDecoder.decode(answer, function.getOutputParameters());
      if (out.isEmpty()) {
        throw new IllegalArgumentException(
            safe.checksummed() + " is not a Safe: it does not answer " + method + "()");
      }
      return out;
    } catch (IOException e) {
      throw new io.waypost.core.chain.ChainUnreachableException(chain.endpoint(), e);
    }
  }
}
