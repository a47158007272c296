package io.waypost.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.utils.Numeric;

class IdsTest {

  /** EIP-778's example record: its key and the v4 node id discv5 derives from it. */
  private static final String EIP778_KEY =
      "0xb71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291";

  private static final String EIP778_NODE_ID =
      "0xa448f24c6d18e575453db13171562b71999873db5b286df957af199ec94617f7";

  @Test
  void nodeIdIsKeccakOfTheUncompressedPublicKey() {
    ECKeyPair key = ECKeyPair.create(Numeric.toBigInt(EIP778_KEY));
    Bytes publicKey = Bytes.wrap(Numeric.toBytesPadded(key.getPublicKey(), 64));
    assertEquals(NodeId.fromHex(EIP778_NODE_ID), NodeId.fromPublicKey(publicKey));
  }

  @Test
  void nodeIdRefusesKeysOfTheWrongLength() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class, () -> NodeId.fromPublicKey(Bytes.wrap(new byte[65])));
    assertEquals("A node public key has 64 bytes (x || y), got 65", error.getMessage());
  }

  @Test
  void serviceIdIsKeccakOfTheUtf8Name() {
    // as `cast keccak mailserver` and the contract's serviceIdOf("mailserver") give it
    assertEquals(
        ServiceId.fromHex("0xf83dd944aa572f44065025a53815fd1b22c2a5ef5226815416a0819c2c409d93"),
        ServiceId.of("mailserver"));
    assertEquals(
        ServiceId.fromHex("0xe3adb7d9f430ee3a754460ead458bd57fe14f9783ebff8803e85e6b26426d0ba"),
        ServiceId.of("push-notification"));
    assertThrows(IllegalArgumentException.class, () -> ServiceId.of(""));
  }
}
