package io.waypost.core.discovery.enr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.core.discovery.NodeKey;
import io.waypost.core.model.NodeId;
import io.waypost.core.model.ServiceId;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.ethereum.beacon.discovery.schema.NodeRecord;
import org.ethereum.beacon.discovery.schema.NodeRecordBuilder;
import org.junit.jupiter.api.Test;

class NodeRecordsTest {

  /** EIP-778's example record. */
  static final String EIP778 =
      "enr:-IS4QHCYrYZbAKWCBRlAy5zzaDZXJBGkcnh4MHcBFZntXNFrdvJjX04jRzjzCBOonrkTfj499SZuOh8R33Ls8RRcy5wBgmlkgnY0gmlwhH8AAAGJc2VjcDI1NmsxoQPKY0yuDUmstAHYpMa2_oxVtw0RW_QAdpzBQA8yWM0xOIN1ZHCCdl8";

  @Test
  void decodesTheEip778Example() throws Exception {
    NodeAddress node = NodeRecords.parse(EIP778);
    assertEquals(1, node.seq());
    assertEquals("127.0.0.1", node.udp().orElseThrow().getAddress().getHostAddress());
    assertEquals(30303, node.udp().orElseThrow().getPort());
    // The EIP's private key b71c71a6…f291 gives node id a448f24c…1a31cb5f (EIP-778 test vector).
    NodeKey key =
        NodeKey.fromSecret(
            Bytes32.fromHexString(
                "b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291"));
    assertEquals(key.nodeId(), node.nodeId());
    assertEquals(
        NodeId.fromHex("0xa448f24c6d18e575453db13171562b71999873db5b286df957af199ec94617f7"),
        node.nodeId());
  }

  @Test
  void refusesATamperedRecordWithItsReason() {
    byte[] raw = Base64.getUrlDecoder().decode(EIP778.substring(4));
    raw[raw.length - 1] ^= 1; // the udp port changes, the signature no longer matches
    String tampered = "enr:" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    InvalidRecordException e =
        assertThrows(InvalidRecordException.class, () -> NodeRecords.parse(tampered));
    assertTrue(e.getMessage().contains("bad signature"), e.getMessage());
  }

  @Test
  void refusesGarbageWithReasonsNeverOtherExceptions() {
    List<String> bad =
        List.of(
            "",
            "enr:",
            "enr:!!!",
            "enr:-IS4QHCYrYZbAKWCBRlAy5zzaDZXJBGkcnh4MHcBFZntXNFrdvJjX04jRzjzCBOonrkTfj499SZuOh8R",
            "enr:" + "A".repeat(500),
            "enr:-IS4QHCYrY=",
            "enode://1234@127.0.0.1:30303",
            "enode://" + "ff".repeat(64) + "@127.0.0.1:30303",
            "enode://" + "00".repeat(64) + "@host.example:30303",
            "http://example.org");
    for (String text : bad) {
      InvalidRecordException e =
          assertThrows(InvalidRecordException.class, () -> NodeRecords.parse(text), text);
      assertFalse(e.getMessage().isBlank());
    }
    Random random = new Random(7);
    for (int i = 0; i < 2000; i++) {
      byte[] noise = new byte[random.nextInt(320)];
      random.nextBytes(noise);
      if (random.nextBoolean() && noise.length > 2) {
        noise[0] = (byte) 0xf8; // looks like a long RLP list
      }
      String text = "enr:" + Base64.getUrlEncoder().withoutPadding().encodeToString(noise);
      assertThrows(InvalidRecordException.class, () -> NodeRecords.parse(text));
    }
  }

  @Test
  void parsesEnodeUrls() throws Exception {
    NodeKey key = NodeKey.generate(new SecureRandom());
    String enode =
        "enode://" + key.publicKey().toUnprefixedHexString() + "@10.1.2.3:30303?discport=30301";
    NodeAddress node = NodeRecords.parse(enode);
    assertEquals(key.nodeId(), node.nodeId());
    assertEquals(30301, node.udp().orElseThrow().getPort());
    assertEquals(30303, node.tcp().orElseThrow().getPort());
    assertFalse(node.isEnr());
    NodeRecord stand_in = NodeRecords.unsignedRecord(node);
    assertEquals(key.nodeId().value(), stand_in.getNodeId());
  }

  @Test
  void theServiceEntryFitsAndMatches() throws Exception {
    NodeKey key = NodeKey.generate(new SecureRandom());
    List<ServiceId> services =
        java.util.stream.IntStream.range(0, ServiceEntry.MAX_SERVICES)
            .mapToObj(i -> ServiceId.of("service-" + i))
            .toList();
    NodeRecord record =
        new NodeRecordBuilder()
            .signer(key.signer())
            .seq(3)
            .address("203.0.113.9", 30303, 30303)
            .customField(ServiceEntry.KEY, ServiceEntry.encode(services))
            .build();
    assertTrue(record.serialize().size() <= 300, "within EIP-778's limit");
    NodeRecord back = NodeRecords.parseEnr(record.asEnr());
    assertTrue(ServiceEntry.provides(back, ServiceId.of("service-3")));
    assertFalse(ServiceEntry.provides(back, ServiceId.of("mailserver")));
    assertEquals(List.of(), ServiceEntry.decode(Bytes.of(1, 2, 3)));
  }
}
