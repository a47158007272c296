package io.waypost.core.registry;

import io.waypost.core.model.Address;
import io.waypost.core.model.NodeId;
import io.waypost.core.model.ServiceId;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;

/**
 * A node key's signed withdrawal of consent, which anyone may submit to {@code revokeNode}:
 *
 * <pre>
 * message NodeRevocation(bytes32 nodeId,bytes32 serviceId,uint32 nonce,uint64 expiry)
 * </pre>
 *
 * in the same EIP-712 domain as {@link NodeRegistrationProof}. An empty service (zero on chain)
 * means every service. The node's nonce advances when it is used, so it works once and also cancels
 * every registration proof the node issued and nobody used yet.
 */
public record NodeRevocation(
    NodeId nodeId,
    Optional<ServiceId> service,
    long nonce,
    long expiry,
    CompactSignature signature) {

  static final String MESSAGE_TYPE =
      "NodeRevocation(bytes32 nodeId,bytes32 serviceId,uint32 nonce,uint64 expiry)";

  public NodeRevocation {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(signature, "signature");
  }

  /** Signs with the node's own key, at the node's current nonce. */
  public static NodeRevocation sign(
      ECKeyPair nodeKey,
      long chainId,
      Address registry,
      Optional<ServiceId> service,
      long nonce,
      long expiry) {
    if (nonce < 0 || nonce > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("nonce must fit in uint32, got " + nonce);
    }
    NodeId nodeId = NodeRegistrationKeys.nodeIdOf(nodeKey);
    Bytes32 digest = digest(chainId, registry, nodeId, service, nonce, expiry);
    Sign.SignatureData s = Sign.signMessage(digest.toArrayUnsafe(), nodeKey, false);
    Bytes rsv = Bytes.concatenate(Bytes.wrap(s.getR()), Bytes.wrap(s.getS()), Bytes.wrap(s.getV()));
    return new NodeRevocation(nodeId, service, nonce, expiry, CompactSignature.fromRsv(rsv));
  }

  /** The digest the node key signs; the contract's {@code nodeRevocationDigest}. */
  public static Bytes32 digest(
      long chainId,
      Address registry,
      NodeId nodeId,
      Optional<ServiceId> service,
      long nonce,
      long expiry) {
    Bytes32 structHash =
        NodeRegistrationProof.keccak(
            Bytes.concatenate(
                NodeRegistrationProof.keccak(NodeRegistrationProof.utf8(MESSAGE_TYPE)),
                nodeId.value(),
                service.map(ServiceId::value).orElse(Bytes32.ZERO),
                NodeRegistrationProof.uint(BigInteger.valueOf(nonce)),
                NodeRegistrationProof.uint(BigInteger.valueOf(expiry))));
    return NodeRegistrationProof.keccak(
        Bytes.concatenate(
            Bytes.fromHexString("0x1901"),
            NodeRegistrationProof.domainSeparator(chainId, registry.value()),
            structHash));
  }

  byte[] serviceIdOrZero() {
    return service.map(ServiceId::toArray).orElse(new byte[32]);
  }
}
