package io.waypost.core.registry;

import io.waypost.core.model.NodeId;
import org.apache.tuweni.bytes.Bytes;
import org.web3j.crypto.ECKeyPair;
import org.web3j.utils.Numeric;

/** Node-key helpers shared by registration code. */
public final class NodeRegistrationKeys {

  private NodeRegistrationKeys() {}

  /** The 64-byte public key (x || y) of a node key. */
  public static Bytes publicKeyOf(ECKeyPair nodeKey) {
    return Bytes.wrap(Numeric.toBytesPadded(nodeKey.getPublicKey(), 64));
  }

  public static NodeId nodeIdOf(ECKeyPair nodeKey) {
    return NodeId.fromPublicKey(publicKeyOf(nodeKey));
  }
}
