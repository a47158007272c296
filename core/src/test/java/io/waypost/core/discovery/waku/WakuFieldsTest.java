package io.waypost.core.discovery.waku;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.core.discovery.enr.CapabilityMap;
import io.waypost.core.discovery.waku.WakuFields.Capability;
import io.waypost.core.model.ServiceId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;

/** The byte layouts of 31/WAKU2-ENR and 51/WAKU2-RELAY-SHARDING, and the capability mapping. */
class WakuFieldsTest {

  static final ServiceId MAIL = ServiceId.of("mailserver");

  @Test
  void waku2BitsAreRelayStoreFilterLightpushSyncFromTheLeastSignificant() {
    assertEquals(Set.of(Capability.RELAY, Capability.STORE), WakuFields.capabilities(0x03));
    assertEquals(Set.of(Capability.FILTER, Capability.LIGHTPUSH), WakuFields.capabilities(0x0c));
    assertEquals(Set.of(Capability.SYNC), WakuFields.capabilities(0x10));
    assertEquals(Set.of(), WakuFields.capabilities(0xe0), "bits 5 to 7 are reserved");
  }

  @Test
  void decodesShardsInBothFormsAndMultiaddrs() {
    // rs: cluster 16, 2 shards: 32 and 64
    WakuFields rs =
        WakuFields.of(Map.of("rs", Bytes.fromHexString("0x0010020020 0040".replace(" ", ""))));
    assertEquals(new WakuFields.RelayShards(16, List.of(32, 64), "rs"), rs.shards().orElseThrow());
    // rsv: cluster 1, shards 0 and 1023
    byte[] vector = new byte[130];
    vector[1] = 1;
    vector[2] = (byte) 0x80;
    vector[129] = 0x01;
    WakuFields rsv = WakuFields.of(Map.of("rsv", Bytes.wrap(vector)));
    assertEquals(List.of(0, 1023), rsv.shards().orElseThrow().shards());
    // /dns4/a.b/tcp/443/wss and /ip4/1.2.3.4/tcp/8000/ws, each with its uint16 length
    Bytes first = Bytes.fromHexString("0x3603612e62060 1bbde03".replace(" ", ""));
    Bytes second = Bytes.fromHexString("0x04010203040 61f40dd03".replace(" ", ""));
    Bytes multiaddrs =
        Bytes.concatenate(Bytes.of(0, first.size()), first, Bytes.of(0, second.size()), second);
    assertEquals(
        List.of("/dns4/a.b/tcp/443/wss", "/ip4/1.2.3.4/tcp/8000/ws"),
        WakuFields.of(Map.of("multiaddrs", multiaddrs)).multiaddrs());
  }

  @Test
  void malformedEntriesAreReportedNotThrown() {
    WakuFields bad =
        WakuFields.of(
            Map.of(
                "waku2", Bytes.fromHexString("0x0303"),
                "rs", Bytes.fromHexString("0x001005"),
                "multiaddrs", Bytes.fromHexString("0x0005ff")));
    assertTrue(bad.capabilities().isEmpty());
    assertEquals(3, bad.problems().size(), bad.problems().toString());
    assertTrue(bad.problems().get(0).contains("waku2 is 2 bytes"), bad.problems().toString());
  }

  @Test
  void theDefaultMapsTheStoreBitToMailserverAndOthersAreConfigurable() {
    Map<String, Bytes> store = Map.of("waku2", Bytes.of(0x03));
    Map<String, Bytes> relay = Map.of("waku2", Bytes.of(0x01));
    CapabilityMap defaults = CapabilityMap.defaults();
    assertEquals(List.of("waku2.store"), defaults.mappedCapabilities(store, MAIL));
    assertEquals(List.of(), defaults.mappedCapabilities(relay, MAIL));
    CapabilityMap custom = CapabilityMap.parse("waku2.relay=mailserver, waku2.lightpush=push");
    assertEquals(List.of("waku2.relay"), custom.mappedCapabilities(relay, MAIL));
    assertEquals("waku2.relay=mailserver,waku2.lightpush=push", custom.toString());
    assertFalse(CapabilityMap.parse("").advertisesAnything());
  }

  @Test
  void aBadMappingIsRefusedWithItsReason() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> CapabilityMap.parse("waku2.storage=x"))
            .getMessage()
            .contains("unknown capability 'waku2.storage'"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> CapabilityMap.parse("waku2.store"))
            .getMessage()
            .contains("not CAPABILITY=SERVICE"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> CapabilityMap.parse("waku2.store="))
            .getMessage()
            .contains("maps to no service"));
  }
}
