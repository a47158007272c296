package io.waypost.core.safe;

import io.waypost.core.model.Address;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * What a Safe executes: one call ({@code CALL}), or several through MultiSendCallOnly ({@code
 * DELEGATECALL} to it, which then calls each in turn, all or nothing). No gas refund: safeTxGas,
 * baseGas and gasPrice are zero, so a failing inner call reverts the whole transaction.
 */
public record SafeTransaction(
    Address to, BigInteger value, Bytes data, int operation, BigInteger nonce) {

  public static final int CALL = 0;
  public static final int DELEGATECALL = 1;

  static final Bytes32 DOMAIN_TYPEHASH =
      keccak("EIP712Domain(uint256 chainId,address verifyingContract)");
  static final Bytes32 SAFE_TX_TYPEHASH =
      keccak(
          "SafeTx(address to,uint256 value,bytes data,uint8 operation,uint256 safeTxGas,"
              + "uint256 baseGas,uint256 gasPrice,address gasToken,address refundReceiver,"
              + "uint256 nonce)");

  /** The transaction for {@code calls}: the call itself if it is one, else a MultiSend. */
  public static SafeTransaction of(List<SafeCall> calls, Address multiSend, BigInteger nonce) {
    if (calls.isEmpty()) {
      throw new IllegalArgumentException("A Safe transaction needs at least one call");
    }
    if (calls.size() == 1) {
      SafeCall call = calls.get(0);
      return new SafeTransaction(call.to(), call.value(), call.data(), CALL, nonce);
    }
    return new SafeTransaction(
        multiSend, BigInteger.ZERO, multiSendData(calls), DELEGATECALL, nonce);
  }

  /**
   * {@code multiSend(bytes transactions)}, each packed as operation (1 byte, 0 = call) ‖ to (20) ‖
   * value (32) ‖ data length (32) ‖ data, as Safe's MultiSend decodes them.
   */
  public static Bytes multiSendData(List<SafeCall> calls) {
    ByteArrayOutputStream packed = new ByteArrayOutputStream();
    for (SafeCall call : calls) {
      packed.write(CALL);
      packed.writeBytes(Numeric.hexStringToByteArray(call.to().value()));
      packed.writeBytes(Numeric.toBytesPadded(call.value(), 32));
      packed.writeBytes(Numeric.toBytesPadded(BigInteger.valueOf(call.data().size()), 32));
      packed.writeBytes(call.data().toArrayUnsafe());
    }
    String encoded =
        FunctionEncoder.encode(
            new Function("multiSend", List.of(new DynamicBytes(packed.toByteArray())), List.of()));
    return Bytes.fromHexString(encoded);
  }

  /**
   * The Safe transaction's fields as {@code execTransaction} and {@code getTransactionHash} take
   * them, up to (not including) the signatures or the nonce: to, value, data, operation, then zero
   * safeTxGas, baseGas, gasPrice, gasToken and refundReceiver (no refund).
   */
  @SuppressWarnings("rawtypes") // web3j's Function takes raw Type lists
  public List<org.web3j.abi.datatypes.Type> fields() {
    org.web3j.abi.datatypes.Address none =
        new org.web3j.abi.datatypes.Address(Address.ZERO.value());
    return List.of(
        new org.web3j.abi.datatypes.Address(to.value()),
        new org.web3j.abi.datatypes.generated.Uint256(value),
        new DynamicBytes(data.toArrayUnsafe()),
        new org.web3j.abi.datatypes.generated.Uint8(operation),
        new org.web3j.abi.datatypes.generated.Uint256(0),
        new org.web3j.abi.datatypes.generated.Uint256(0),
        new org.web3j.abi.datatypes.generated.Uint256(0),
        none,
        none);
  }

  /** The EIP-712 hash the Safe's owners sign ({@code getTransactionHash} in the Safe). */
  public Bytes32 hash(long chainId, Address safe) {
    Bytes32 domain =
        keccak(Bytes.concatenate(DOMAIN_TYPEHASH, uint(BigInteger.valueOf(chainId)), word(safe)));
    Bytes32 struct =
        keccak(
            Bytes.concatenate(
                SAFE_TX_TYPEHASH,
                word(to),
                uint(value),
                keccak(data),
                uint(BigInteger.valueOf(operation)),
                uint(BigInteger.ZERO),
                uint(BigInteger.ZERO),
                uint(BigInteger.ZERO),
                word(Address.ZERO),
                word(Address.ZERO),
                uint(nonce)));
    return keccak(Bytes.concatenate(Bytes.fromHexString("0x1901"), domain, struct));
  }

  private static Bytes32 keccak(String text) {
    return keccak(Bytes.wrap(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static Bytes32 keccak(Bytes input) {
    return Bytes32.wrap(Hash.sha3(input.toArrayUnsafe()));
  }

  private static Bytes32 uint(BigInteger value) {
    return Bytes32.wrap(Numeric.toBytesPadded(value, 32));
  }

  private static Bytes32 word(Address address) {
    return Bytes32.leftPad(Bytes.fromHexString(address.value()));
  }
}
