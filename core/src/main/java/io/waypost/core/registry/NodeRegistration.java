package io.waypost.core.registry;

import io.waypost.core.model.Address;
import io.waypost.core.model.NodeId;
import io.waypost.core.model.ServiceId;
import java.util.Objects;
import org.apache.tuweni.bytes.Bytes;
import org.web3j.crypto.ECKeyPair;
import org.web3j.utils.Numeric;

/**
 * Everything the registry needs to register a node for a service: its public key, the service, and
 * the node's proof of possession (signed for one provider, registry, chain and nonce).
 */
public record NodeRegistration(
    ServiceId serviceId, Bytes publicKey, long expiry, CompactSignature signature) {

  public NodeRegistration {
    Objects.requireNonNull(serviceId, "serviceId");
    Objects.requireNonNull(signature, "signature");
    if (publicKey.size() != 64) {
      throw new IllegalArgumentException(
          "A node public key has 64 bytes (x || y), got " + publicKey.size());
    }
  }

  public NodeId nodeId() {
    return NodeId.fromPublicKey(publicKey);
  }

  /** Signs a registration with the node's own key, for the given provider and registry. */
  public static NodeRegistration sign(
      ECKeyPair nodeKey,
      long chainId,
      Address registry,
      Address provider,
      ServiceId serviceId,
      long nonce,
      long expiry) {
    Bytes publicKey = Bytes.wrap(Numeric.toBytesPadded(nodeKey.getPublicKey(), 64));
    NodeRegistrationProof proof =
        new NodeRegistrationProof(
            chainId,
            registry.value(),
            NodeId.fromPublicKey(publicKey),
            provider.value(),
            serviceId,
            nonce,
            expiry);
    return new NodeRegistration(
        serviceId, publicKey, expiry, CompactSignature.fromRsv(proof.sign(nodeKey)));
  }
}
