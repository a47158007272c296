package io.waypost.core.registry;

import io.waypost.core.model.NodeId;
import io.waypost.core.model.ServiceId;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * The EIP-712 proof of possession a node signs so that a provider can register it:
 *
 * <pre>
 * domain  EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)
 *         name "WaypostRegistry", version "1"
 * message NodeRegistration(bytes32 nodeId,address provider,bytes32 serviceId,uint32 nonce,uint64 expiry)
 * </pre>
 *
 * The domain binds the chain and the registry, the message binds the provider, the service, the
 * node's current registration nonce and an expiry, so a proof works exactly once, in one place.
 */
public record NodeRegistrationProof(
    long chainId,
    String registry,
    NodeId nodeId,
    String provider,
    ServiceId serviceId,
    long nonce,
    long expiry) {

  static final String DOMAIN_TYPE =
      "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)";
  static final String MESSAGE_TYPE =
      "NodeRegistration(bytes32 nodeId,address provider,bytes32 serviceId,uint32 nonce,uint64 expiry)";
  static final String DOMAIN_NAME = "WaypostRegistry";
  static final String DOMAIN_VERSION = "1";

  public NodeRegistrationProof {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(serviceId, "serviceId");
    requireAddress(registry, "registry");
    requireAddress(provider, "provider");
    if (nonce < 0 || nonce > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("nonce must fit in uint32, got " + nonce);
    }
    if (expiry < 0) {
      throw new IllegalArgumentException("expiry must not be negative, got " + expiry);
    }
  }

  /** The EIP-712 domain separator of a registry deployment. */
  public static Bytes32 domainSeparator(long chainId, String registry) {
    return keccak(
        Bytes.concatenate(
            keccak(utf8(DOMAIN_TYPE)),
            keccak(utf8(DOMAIN_NAME)),
            keccak(utf8(DOMAIN_VERSION)),
            uint(BigInteger.valueOf(chainId)),
            address(registry)));
  }

  /** The 32-byte digest the node key signs. */
  public Bytes32 digest() {
    Bytes32 structHash =
        keccak(
            Bytes.concatenate(
                keccak(utf8(MESSAGE_TYPE)),
                nodeId.value(),
                address(provider),
                serviceId.value(),
                uint(BigInteger.valueOf(nonce)),
                uint(BigInteger.valueOf(expiry))));
    return keccak(
        Bytes.concatenate(
            Bytes.fromHexString("0x1901"), domainSeparator(chainId, registry), structHash));
  }

  /**
   * Signs with the node's key. Refuses a key that is not this node's, so a mistaken key file is
   * caught here rather than as a reverted transaction.
   *
   * @return 65 bytes r || s || v with v in {27, 28}, as the registry expects
   */
  public Bytes sign(ECKeyPair nodeKey) {
    Bytes publicKey = Bytes.wrap(Numeric.toBytesPadded(nodeKey.getPublicKey(), 64));
    NodeId signer = NodeId.fromPublicKey(publicKey);
    if (!signer.equals(nodeId)) {
      throw new IllegalArgumentException(
          "The key given is node " + signer + ", not node " + nodeId + " named in the proof");
    }
    Sign.SignatureData signature = Sign.signMessage(digest().toArrayUnsafe(), nodeKey, false);
    return Bytes.concatenate(
        Bytes.wrap(signature.getR()), Bytes.wrap(signature.getS()), Bytes.wrap(signature.getV()));
  }

  static Bytes32 keccak(Bytes input) {
    return Bytes32.wrap(Hash.sha3(input.toArrayUnsafe()));
  }

  static Bytes utf8(String text) {
    return Bytes.wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  static Bytes32 uint(BigInteger value) {
    return Bytes32.leftPad(Bytes.wrap(Numeric.toBytesPadded(value, 32)));
  }

  static Bytes32 address(String hex) {
    return Bytes32.leftPad(Bytes.fromHexString(hex));
  }

  private static void requireAddress(String hex, String what) {
    if (!hex.matches("0x[0-9a-fA-F]{40}")) {
      throw new IllegalArgumentException(what + " must be a 0x-prefixed 20-byte address: " + hex);
    }
  }
}
