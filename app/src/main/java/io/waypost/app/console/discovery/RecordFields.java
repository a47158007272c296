package io.waypost.app.console.discovery;

import io.waypost.core.discovery.enr.ServiceEntry;
import io.waypost.core.model.ServiceId;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.tuweni.bytes.Bytes;
import org.ethereum.beacon.discovery.schema.EnrField;
import org.ethereum.beacon.discovery.schema.IdentitySchema;
import org.ethereum.beacon.discovery.schema.NodeRecord;

/**
 * A record's entries as a person reads them: addresses as addresses, ports as numbers, the identity
 * scheme by name, keys in hex, the services it advertises by name. (Turning every value into the
 * hex of its text showed port 40862 as {@code 0x3430383632}.)
 */
public final class RecordFields {

  /** One entry: its key in the record, what it is, its value. */
  public record Field(String key, String meaning, String value) {}

  private static final Set<String> PORTS =
      Set.of(
          EnrField.UDP,
          EnrField.TCP,
          EnrField.QUIC,
          EnrField.UDP_V6,
          EnrField.TCP_V6,
          EnrField.QUIC_V6);

  private RecordFields() {}

  /**
   * The record's entries, in key order.
   *
   * @param services the registry's service catalogue, to name the services the record advertises
   */
  public static List<Field> of(NodeRecord record, Map<ServiceId, String> services) {
    Map<String, Object> values = new TreeMap<>();
    record.forEachField(
        (key, value) -> {
          if (value != null) {
            values.put(key, value);
          }
        });
    List<Field> fields = new ArrayList<>();
    values.forEach(
        (key, value) -> fields.add(new Field(key, meaning(key), text(key, value, services))));
    return fields;
  }

  static String meaning(String key) {
    return switch (key) {
      case EnrField.ID -> "identity scheme";
      case EnrField.IP_V4 -> "IPv4 address";
      case EnrField.IP_V6 -> "IPv6 address";
      case EnrField.UDP -> "UDP port (discovery)";
      case EnrField.TCP -> "TCP port";
      case EnrField.QUIC -> "QUIC port";
      case EnrField.UDP_V6 -> "UDP port, IPv6";
      case EnrField.TCP_V6 -> "TCP port, IPv6";
      case EnrField.QUIC_V6 -> "QUIC port, IPv6";
      case EnrField.PKEY_SECP256K1 -> "public key (secp256k1, compressed)";
      case ServiceEntry.KEY -> "services advertised";
      default -> "";
    };
  }

  static String text(String key, Object value, Map<ServiceId, String> services) {
    if (value instanceof IdentitySchema scheme) {
      return scheme.stringName();
    }
    if (value instanceof Number number && PORTS.contains(key)) {
      return Long.toString(number.longValue());
    }
    if (value instanceof Bytes bytes) {
      if ((key.equals(EnrField.IP_V4) && bytes.size() == 4)
          || (key.equals(EnrField.IP_V6) && bytes.size() == 16)) {
        return address(bytes);
      }
      if (key.equals(ServiceEntry.KEY)) {
        return servicesAdvertised(bytes, services);
      }
      if (PORTS.contains(key) && bytes.size() <= 2) {
        return Integer.toString(bytes.isEmpty() ? 0 : bytes.toUnsignedBigInteger().intValue());
      }
      return bytes.toHexString();
    }
    return String.valueOf(value);
  }

  private static String address(Bytes bytes) {
    try {
      return InetAddress.getByAddress(bytes.toArrayUnsafe()).getHostAddress();
    } catch (UnknownHostException impossible) {
      return bytes.toHexString(); // only for lengths other than 4 and 16, excluded above
    }
  }

  private static String servicesAdvertised(Bytes value, Map<ServiceId, String> services) {
    List<String> names = new ArrayList<>();
    List<Bytes> tags = ServiceEntry.decode(value);
    if (tags.isEmpty()) {
      return value.toHexString() + " (not a list of 8-byte service tags)";
    }
    for (Bytes tag : tags) {
      names.add(
          services.entrySet().stream()
              .filter(e -> ServiceEntry.tag(e.getKey()).equals(tag))
              .map(Map.Entry::getValue)
              .findFirst()
              .orElse("unknown service " + tag.toHexString()));
    }
    return String.join(", ", names);
  }
}
