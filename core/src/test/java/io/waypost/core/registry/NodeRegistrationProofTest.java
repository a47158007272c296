package io.waypost.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.core.model.NodeId;
import io.waypost.core.model.ServiceId;
import java.math.BigInteger;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

class NodeRegistrationProofTest {

  private static final String REGISTRY = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
  private static final String PROVIDER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

  @Test
  void signatureRecoversToTheNodesAddress() throws Exception {
    ECKeyPair key = Keys.createEcKeyPair();
    NodeId nodeId = nodeIdOf(key);
    NodeRegistrationProof proof = proof(nodeId, 31337, REGISTRY, PROVIDER);
    Bytes signature = proof.sign(key);
    assertEquals(65, signature.size());
    int v = signature.get(64) & 0xff;
    assertTrue(v == 27 || v == 28, "v is 27 or 28");
    Sign.SignatureData data =
        new Sign.SignatureData(
            (byte) v, signature.slice(0, 32).toArray(), signature.slice(32, 32).toArray());
    BigInteger recovered = Sign.signedMessageHashToKey(proof.digest().toArray(), data);
    assertEquals(key.getPublicKey(), recovered);
  }

  @Test
  void digestBindsChainRegistryProviderAndService() {
    NodeId nodeId = NodeId.fromHex("0x" + "11".repeat(32));
    var base = proof(nodeId, 31337, REGISTRY, PROVIDER).digest();
    assertNotEquals(base, proof(nodeId, 1, REGISTRY, PROVIDER).digest(), "chain id");
    assertNotEquals(
        base, proof(nodeId, 31337, "0x" + "22".repeat(20), PROVIDER).digest(), "registry");
    assertNotEquals(
        base, proof(nodeId, 31337, REGISTRY, "0x" + "33".repeat(20)).digest(), "provider");
    var otherService =
        new NodeRegistrationProof(
            31337, REGISTRY, nodeId, PROVIDER, ServiceId.of("push-notification"), 0, 1000);
    assertNotEquals(base, otherService.digest(), "service");
  }

  @Test
  void refusesToSignWithAnotherNodesKey() throws Exception {
    ECKeyPair key = Keys.createEcKeyPair();
    ECKeyPair other = Keys.createEcKeyPair();
    NodeRegistrationProof proof = proof(nodeIdOf(key), 31337, REGISTRY, PROVIDER);
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> proof.sign(other));
    assertTrue(error.getMessage().contains("not node " + nodeIdOf(key)), error.getMessage());
  }

  @Test
  void refusesMalformedAddressesAndRanges() {
    NodeId nodeId = NodeId.fromHex("0x" + "11".repeat(32));
    ServiceId mail = ServiceId.of("mailserver");
    assertThrows(
        IllegalArgumentException.class,
        () -> new NodeRegistrationProof(1, "0x1234", nodeId, PROVIDER, mail, 0, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> new NodeRegistrationProof(1, REGISTRY, nodeId, PROVIDER, mail, 1L << 32, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> new NodeRegistrationProof(1, REGISTRY, nodeId, PROVIDER, mail, 0, -1));
  }

  private static NodeRegistrationProof proof(
      NodeId nodeId, long chainId, String registry, String provider) {
    return new NodeRegistrationProof(
        chainId, registry, nodeId, provider, ServiceId.of("mailserver"), 0, 1000);
  }

  private static NodeId nodeIdOf(ECKeyPair key) {
    return NodeId.fromPublicKey(Bytes.wrap(Numeric.toBytesPadded(key.getPublicKey(), 64)));
  }
}
