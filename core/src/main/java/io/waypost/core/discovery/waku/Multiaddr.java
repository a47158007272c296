package io.waypost.core.discovery.waku;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes;

/**
 * Binary multiaddr to text, for the protocols Waku nodes announce. An address with a protocol this
 * table does not know is refused whole (a wrong guess at its length would garble the rest).
 */
final class Multiaddr {

  /** Protocol code to name and value size in bytes: 0 none, -1 length-prefixed. */
  private record Protocol(String name, int size) {}

  private static final Map<Integer, Protocol> PROTOCOLS =
      Map.ofEntries(
          Map.entry(4, new Protocol("ip4", 4)),
          Map.entry(6, new Protocol("tcp", 2)),
          Map.entry(273, new Protocol("udp", 2)),
          Map.entry(41, new Protocol("ip6", 16)),
          Map.entry(53, new Protocol("dns", -1)),
          Map.entry(54, new Protocol("dns4", -1)),
          Map.entry(55, new Protocol("dns6", -1)),
          Map.entry(56, new Protocol("dnsaddr", -1)),
          Map.entry(421, new Protocol("p2p", -1)),
          Map.entry(290, new Protocol("p2p-circuit", 0)),
          Map.entry(448, new Protocol("tls", 0)),
          Map.entry(449, new Protocol("sni", -1)),
          Map.entry(460, new Protocol("quic", 0)),
          Map.entry(461, new Protocol("quic-v1", 0)),
          Map.entry(465, new Protocol("webtransport", 0)),
          Map.entry(466, new Protocol("certhash", -1)),
          Map.entry(477, new Protocol("ws", 0)),
          Map.entry(478, new Protocol("wss", 0)));

  private Multiaddr() {}

  static String toText(Bytes address) {
    StringBuilder out = new StringBuilder();
    int[] at = {0};
    while (at[0] < address.size()) {
      int code = varint(address, at);
      Protocol protocol = PROTOCOLS.get(code);
      if (protocol == null) {
        throw new IllegalArgumentException("unknown multiaddr protocol code " + code);
      }
      out.append('/').append(protocol.name());
      int size = protocol.size() >= 0 ? protocol.size() : varint(address, at);
      if (at[0] + size > address.size()) {
        throw new IllegalArgumentException(protocol.name() + " value overruns the address");
      }
      Bytes value = address.slice(at[0], size);
      at[0] += size;
      if (size > 0) {
        out.append('/').append(valueText(protocol.name(), value));
      }
    }
    return out.toString();
  }

  private static String valueText(String protocol, Bytes value) {
    return switch (protocol) {
      case "ip4", "ip6" -> ip(value);
      case "tcp", "udp" -> Integer.toString(((value.get(0) & 0xff) << 8) | (value.get(1) & 0xff));
      case "dns", "dns4", "dns6", "dnsaddr", "sni" ->
          new String(value.toArrayUnsafe(), StandardCharsets.UTF_8);
      case "certhash" ->
          "u" + Base64.getUrlEncoder().withoutPadding().encodeToString(value.toArray());
      default -> value.toUnprefixedHexString(); // p2p: a peer id, shown as hex
    };
  }

  private static String ip(Bytes value) {
    try {
      return InetAddress.getByAddress(value.toArray()).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("bad IP address");
    }
  }

  private static int varint(Bytes bytes, int[] at) {
    int value = 0;
    for (int shift = 0; shift < 28; shift += 7) {
      if (at[0] >= bytes.size()) {
        throw new IllegalArgumentException("truncated varint");
      }
      int b = bytes.get(at[0]++) & 0xff;
      value |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new IllegalArgumentException("varint too long");
  }
}
