package io.waypost.core.model;

import java.util.Objects;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.web3j.crypto.Hash;

/**
 * A discv5 node id under identity scheme v4: keccak256 of the node's 64-byte uncompressed secp256k1
 * public key (x || y). The registry keys nodes by exactly this id.
 */
public record NodeId(Bytes32 value) {

  public NodeId {
    Objects.requireNonNull(value, "value");
  }

  /** The id of the node with this 64-byte public key (x || y, without the 0x04 prefix). */
  public static NodeId fromPublicKey(Bytes publicKey) {
    if (publicKey.size() != 64) {
      throw new IllegalArgumentException(
          "A node public key has 64 bytes (x || y), got " + publicKey.size());
    }
    return new NodeId(Bytes32.wrap(Hash.sha3(publicKey.toArrayUnsafe())));
  }

  public static NodeId fromHex(String hex) {
    return new NodeId(Bytes32.fromHexString(hex));
  }

  public byte[] toArray() {
    return value.toArrayUnsafe().clone();
  }

  /** The Ethereum address of the same key: the id's last 20 bytes. */
  public String signerAddress() {
    return value.slice(12).toHexString();
  }

  @Override
  public String toString() {
    return value.toHexString();
  }
}
