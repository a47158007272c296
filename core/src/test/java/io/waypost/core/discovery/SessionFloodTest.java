package io.waypost.core.discovery;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.core.discovery.topic.TopicParameters;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A flood of valid packets from made-up source ids, on real UDP: the library's sessions stay under
 * the gate's limits, and the node still answers the peers it had and reaches new ones.
 */
@Timeout(120)
class SessionFloodTest {

  private static final int MAX_PENDING = 300;
  private static final int MAX_PER_IP = 100;

  @Test
  void spoofedSourceIdsCannotGrowTheSessionsTheLibraryHolds() throws Exception {
    try (LocalNetwork network = new LocalNetwork(TopicParameters.defaults())) {
      DiscoveryNode bootnode = network.start(1, i -> {}).get(0);
      DiscoveryNode target =
          network.add(
              network
                  .builder(LocalNetwork.nextAddress())
                  .sessionLimits(new SessionGate.SessionLimits(MAX_PENDING, MAX_PER_IP, 180_000)));
      DiscoveryNode earlier = network.add(network.builder(LocalNetwork.nextAddress()));
      earlier.ping(target.localRecord()).join();
      int before = SpoofedPackets.librarySessions(target);
      InetSocketAddress address = target.localRecord().getUdpAddress().orElseThrow();
      SpoofedPackets packets = new SpoofedPackets(target, 7);

      // 1. One IP, 1,500 source ids: it gets its share of 100.
      flood(packets, LocalNetwork.nextAddress(), address, 1_500);
      LocalNetwork.await(
          "the gate saw the first flood",
          Duration.ofSeconds(30),
          () -> target.refusedSessionPackets() >= 1_000);
      int afterOneIp = SpoofedPackets.librarySessions(target);
      assertTrue(afterOneIp <= before + MAX_PER_IP, "one IP made it hold " + afterOneIp);
      assertTrue(
          afterOneIp >= before + MAX_PER_IP / 2, "the flood reached the library: " + afterOneIp);

      // 2. Eight more IPs (spoofed addresses), 250 ids each: all of them share the total.
      for (int i = 0; i < 8; i++) {
        flood(packets, LocalNetwork.nextAddress(), address, 250);
      }
      LocalNetwork.await(
          "the gate saw the second flood",
          Duration.ofSeconds(30),
          () -> target.refusedSessionPackets() >= 2_000);
      int held = SpoofedPackets.librarySessions(target);
      assertTrue(held <= MAX_PENDING + before, "nine IPs made it hold " + held);
      assertTrue(target.heldSessions() <= MAX_PENDING, "the gate holds " + target.heldSessions());

      // Peers it had still get answers; a node it reaches out to now still answers it.
      assertTrue(earlier.ping(target.localRecord()).join().compareTo(Duration.ofSeconds(2)) < 0);
      assertTrue(earlier.probe(target.localRecord()).join().timestampMillis() > 0);
      DiscoveryNode newcomer = network.add(network.builder(LocalNetwork.nextAddress()));
      assertTrue(target.ping(newcomer.localRecord()).join().compareTo(Duration.ofSeconds(2)) < 0);
      assertTrue(target.probe(bootnode.localRecord()).join().timestampMillis() > 0);
      assertTrue(SpoofedPackets.librarySessions(target) <= 2 * MAX_PENDING + before);
    }
  }

  /**
   * Sends from one loopback address at about 2,000 packets a second, under the library's read limit
   * (250 KB/s), so that the kernel's socket buffer does not drop most of them.
   */
  private static void flood(SpoofedPackets packets, String from, InetSocketAddress to, int count)
      throws IOException {
    try (DatagramSocket socket =
        new DatagramSocket(new InetSocketAddress(InetAddress.getByName(from), 0))) {
      for (int i = 0; i < count; i++) {
        byte[] packet = packets.next();
        socket.send(new DatagramPacket(packet, packet.length, to));
        LockSupport.parkNanos(500_000);
      }
    }
  }
}
