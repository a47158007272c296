package io.waypost.core.discovery;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.Random;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.ethereum.beacon.discovery.packet.Header;
import org.ethereum.beacon.discovery.packet.OrdinaryMessagePacket;
import org.ethereum.beacon.discovery.packet.RawPacket;
import org.ethereum.beacon.discovery.type.Bytes12;
import org.ethereum.beacon.discovery.type.Bytes16;

/**
 * Valid discv5 message packets for one node from made-up source ids: each makes Teku's library open
 * a session (it answers with a WHOAREYOU and keeps the session 180 s). What a spoofing flood sends;
 * the message itself is random, as the library cannot read it before a handshake anyway.
 */
final class SpoofedPackets {

  private final Bytes16 maskingKey;
  private final Random random;

  SpoofedPackets(DiscoveryNode target, long seed) {
    this(target.nodeId().value(), seed);
  }

  SpoofedPackets(Bytes targetNodeId, long seed) {
    this.maskingKey = Bytes16.wrap(targetNodeId, 0);
    this.random = new Random(seed);
  }

  /** One packet from a fresh random source id. */
  byte[] next() {
    Header<OrdinaryMessagePacket.OrdinaryAuthData> header =
        Header.createOrdinaryHeader(Bytes32.random(random), Bytes12.wrap(Bytes.random(12, random)));
    OrdinaryMessagePacket packet =
        OrdinaryMessagePacket.createRandom(header, Bytes.random(44, random));
    return RawPacket.createAndMask(Bytes16.random(random), packet, maskingKey)
        .getBytes()
        .toArrayUnsafe();
  }

  /**
   * Sessions the library holds now, read from its session table (it has no accessor for the count):
   * the figure the gate must bound, counted where the memory is.
   */
  static int librarySessions(DiscoveryNode node) {
    Object system = field(node, "system");
    Object manager = field(system, "discoveryManager");
    Object sessions = field(field(manager, "nodeSessionManager"), "recentSessions");
    return ((Map<?, ?>) sessions).size();
  }

  private static Object field(Object owner, String name) {
    try {
      Field field = owner.getClass().getDeclaredField(name);
      field.setAccessible(true);
      return field.get(owner);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the discovery library changed: no field " + name, e);
    }
  }
}
