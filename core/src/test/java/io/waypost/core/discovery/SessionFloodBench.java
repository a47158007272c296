package io.waypost.core.discovery;

import io.waypost.core.discovery.enr.NodeRecords;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.ethereum.beacon.discovery.schema.NodeRecord;

/**
 * The spoofed-id flood of docs/benchmarks.md ("Handshake sessions under a spoofed-id flood"), in
 * two processes so that the flooder's allocations do not count (bench/session-flood.sh runs it):
 *
 * <pre>
 *   target gate|no-gate seconds     a discovery node on 127.0.0.1; prints its ENR, then once a
 *                                   second its RSS, the library's sessions and the gate's counts
 *   flood ENR ids ips rate          valid packets from `ids` made-up source ids, sent round-robin
 *                                   from `ips` loopback addresses at `rate` packets a second
 * </pre>
 */
public final class SessionFloodBench {

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "target" -> target(args[1].equals("gate"), Integer.parseInt(args[2]));
      case "flood" ->
          flood(
              args[1],
              Integer.parseInt(args[2]),
              Integer.parseInt(args[3]),
              Integer.parseInt(args[4]));
      default -> throw new IllegalArgumentException("target or flood");
    }
  }

  private static void target(boolean gate, int seconds) throws Exception {
    DiscoveryNode.Builder builder =
        DiscoveryNode.builder()
            .nodeKey(NodeKey.generate(new SecureRandom()))
            .bind("127.0.0.1", LocalNetwork.freeUdpPort("127.0.0.1"));
    if (!gate) {
      builder.sessionLimits(null);
    }
    try (DiscoveryNode node = builder.build()) {
      node.start().join();
      System.out.println("ENR " + node.localEnr());
      long start = System.nanoTime();
      for (int s = 0; s <= seconds; s++) {
        LockSupport.parkNanos(start + s * 1_000_000_000L - System.nanoTime());
        System.out.printf(
            "t=%d rss_mb=%d library_sessions=%d gate_held=%d gate_refused=%d%n",
            s,
            rssKb() / 1024,
            SpoofedPackets.librarySessions(node),
            node.heldSessions(),
            node.refusedSessionPackets());
      }
    }
  }

  private static long rssKb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  private static void flood(String enr, int ids, int ips, int rate) throws Exception {
    NodeRecord record = NodeRecords.parseEnr(enr);
    InetSocketAddress to = record.getUdpAddress().orElseThrow();
    SpoofedPackets packets = new SpoofedPackets(record.getNodeId(), 42);
    List<DatagramSocket> sockets = new ArrayList<>();
    for (int i = 0; i < ips; i++) {
      String ip = "127.1." + (1 + i / 250) + "." + (1 + i % 250);
      sockets.add(new DatagramSocket(new InetSocketAddress(InetAddress.getByName(ip), 0)));
    }
    long interval = 1_000_000_000L / rate;
    long start = System.nanoTime();
    for (int i = 0; i < ids; i++) {
      LockSupport.parkNanos(start + i * interval - System.nanoTime());
      byte[] packet = packets.next();
      sockets.get(i % ips).send(new DatagramPacket(packet, packet.length, to));
    }
    sockets.forEach(DatagramSocket::close);
    System.out.printf(
        "sent %d packets from %d addresses in %.1f s%n",
        ids, ips, (System.nanoTime() - start) / 1e9);
  }
}
