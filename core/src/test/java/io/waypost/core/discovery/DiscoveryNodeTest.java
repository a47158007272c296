package io.waypost.core.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.core.discovery.enr.InvalidRecordException;
import io.waypost.core.discovery.enr.ServiceEntry;
import io.waypost.core.discovery.topic.TopDiscCapability;
import io.waypost.core.model.ServiceId;
import java.security.SecureRandom;
import org.ethereum.beacon.discovery.schema.NodeRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class DiscoveryNodeTest {

  @Test
  void theRecordAnnouncesTheExternalAddressTheServicePortAndTheEntries() {
    String host = LocalNetwork.nextAddress();
    NodeKey key = NodeKey.generate(new SecureRandom());
    try (DiscoveryNode node =
        DiscoveryNode.builder()
            .nodeKey(key)
            .bind(host, LocalNetwork.freeUdpPort(host))
            .externalAddress("127.0.9.9")
            .tcpPort(30303)
            .advertise(ServiceId.of("mailserver"))
            .build()) {
      node.start().join();
      NodeRecord record = node.localRecord();
      assertEquals("127.0.9.9", record.getUdpAddress().orElseThrow().getAddress().getHostAddress());
      assertEquals(30303, record.getTcpAddress().orElseThrow().getPort());
      assertEquals(key.nodeId(), node.nodeId());
      assertTrue(ServiceEntry.provides(record, ServiceId.of("mailserver")));
      assertTrue(TopDiscCapability.isRegistrar(record));
    }
  }

  @Test
  void aBadBootnodeIsRefusedWithItsReason() {
    InvalidRecordException e =
        assertThrows(
            InvalidRecordException.class, () -> DiscoveryNode.builder().bootnode("enr:garbage"));
    assertTrue(e.getMessage().length() > 5, e.getMessage());
  }
}
