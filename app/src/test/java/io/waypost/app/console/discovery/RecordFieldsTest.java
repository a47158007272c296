package io.waypost.app.console.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.waypost.core.discovery.enr.ServiceEntry;
import io.waypost.core.model.ServiceId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt64;
import org.ethereum.beacon.discovery.schema.EnrField;
import org.ethereum.beacon.discovery.schema.IdentitySchema;
import org.ethereum.beacon.discovery.schema.NodeRecord;
import org.ethereum.beacon.discovery.schema.NodeRecordFactory;
import org.junit.jupiter.api.Test;

/** A record's entries in their natural form, not as the hex of their text. */
class RecordFieldsTest {

  private static final Bytes KEY =
      Bytes.fromHexString("0x03ca634cae0d49acb401d8a4c6b6fe8c55b70d115bf400769cc1400f3258cd3138");

  @Test
  void addressesPortsSchemeKeyAndServicesReadAsAPersonWouldWriteThem() {
    ServiceId mail = ServiceId.of("mailserver");
    ServiceId other = ServiceId.of("not-in-the-catalogue");
    NodeRecord record =
        NodeRecordFactory.DEFAULT.createFromValues(
            UInt64.valueOf(7),
            new EnrField(EnrField.ID, IdentitySchema.V4),
            new EnrField(EnrField.IP_V4, Bytes.of(127, 0, 0, 15)),
            new EnrField(EnrField.PKEY_SECP256K1, KEY),
            new EnrField(EnrField.UDP, 40862),
            new EnrField(EnrField.TCP, 30303),
            new EnrField(ServiceEntry.KEY, ServiceEntry.encode(List.of(mail, other))));

    Map<String, String> shown =
        RecordFields.of(record, Map.of(mail, "mailserver")).stream()
            .collect(Collectors.toMap(RecordFields.Field::key, RecordFields.Field::value));

    assertEquals("v4", shown.get("id"));
    assertEquals("127.0.0.15", shown.get("ip"));
    assertEquals("40862", shown.get("udp"));
    assertEquals("30303", shown.get("tcp"));
    assertEquals(KEY.toHexString(), shown.get("secp256k1"));
    String services = shown.get("wps");
    assertEquals(
        List.of("mailserver", "unknown service " + ServiceEntry.tag(other).toHexString()).stream()
            .sorted()
            .toList(),
        List.of(services.split(", ")).stream().sorted().toList());
  }

  @Test
  void anIpv6AddressAndAMalformedServiceListSaySoPlainly() {
    NodeRecord record =
        NodeRecordFactory.DEFAULT.createFromValues(
            UInt64.ONE,
            new EnrField(EnrField.ID, IdentitySchema.V4),
            new EnrField(EnrField.IP_V6, Bytes.fromHexString("0x20010db8000000000000000000000001")),
            new EnrField(EnrField.PKEY_SECP256K1, KEY),
            new EnrField(ServiceEntry.KEY, Bytes.of(1, 2, 3)));
    Map<String, String> shown =
        RecordFields.of(record, Map.of()).stream()
            .collect(Collectors.toMap(RecordFields.Field::key, RecordFields.Field::value));
    assertEquals("2001:db8:0:0:0:0:0:1", shown.get("ip6"));
    assertEquals("0x010203 (not a list of 8-byte service tags)", shown.get("wps"));
  }
}
