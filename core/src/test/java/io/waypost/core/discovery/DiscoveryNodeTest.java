package io.waypost.core.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.core.discovery.enr.InvalidRecordException;
import io.waypost.core.discovery.enr.ServiceEntry;
import io.waypost.core.discovery.topic.TopDiscCapability;
import io.waypost.core.discovery.topic.TopicCodec;
import io.waypost.core.discovery.topic.TopicMessage;
import io.waypost.core.model.ServiceId;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.tuweni.bytes.Bytes;
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
  void aNodeThatIsNoRegistrarSaysSoAndHoldsNoAds() throws Exception {
    ServiceId mail = ServiceId.of("mailserver");
    String host = LocalNetwork.nextAddress();
    String briefHost = LocalNetwork.nextAddress();
    try (DiscoveryNode advertiser =
            DiscoveryNode.builder()
                .nodeKey(NodeKey.generate(new SecureRandom()))
                .bind(host, LocalNetwork.freeUdpPort(host))
                .build();
        DiscoveryNode brief =
            DiscoveryNode.builder()
                .nodeKey(NodeKey.generate(new SecureRandom()))
                .bind(briefHost, LocalNetwork.freeUdpPort(briefHost))
                .registrar(false)
                .build()) {
      advertiser.start().join();
      brief.start().join();
      assertFalse(TopDiscCapability.isRegistrar(brief.localRecord()));
      // An ad sent to it anyway is not admitted: the node has no TopDisc handler at all.
      TopicMessage.RegTopic reg =
          new TopicMessage.RegTopic(
              Bytes.random(8), mail, advertiser.localRecord(), Bytes.EMPTY, List.of());
      Bytes answer =
          advertiser
              .talk(brief.localRecord(), TopicCodec.PROTOCOL, TopicCodec.encode(reg))
              .get(10, TimeUnit.SECONDS);
      assertEquals(Bytes.EMPTY, answer);
      assertEquals(0, brief.registrar().adCount(mail));
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
