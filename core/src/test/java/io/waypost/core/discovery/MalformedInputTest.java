package io.waypost.core.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.core.discovery.talk.ProbeProtocol;
import io.waypost.core.discovery.topic.TopicCodec;
import io.waypost.core.discovery.topic.TopicParameters;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.MutableBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Fuzzed datagrams and TALKREQ payloads against a live node: no crash, no unbounded state. */
@Timeout(120)
class MalformedInputTest {

  @Test
  void aNodeSurvivesGarbageAndKeepsNoStateForIt() throws Exception {
    try (LocalNetwork network = new LocalNetwork(TopicParameters.defaults())) {
      DiscoveryNode target = network.start(1, i -> {}).get(0);
      DiscoveryNode attacker = network.add(network.builder(LocalNetwork.nextAddress()));
      InetSocketAddress address = target.localRecord().getUdpAddress().orElseThrow();
      Random random = new Random(1234);
      Runtime runtime = Runtime.getRuntime();
      System.gc();
      long heapBefore = runtime.totalMemory() - runtime.freeMemory();

      // 1. Raw datagrams: random bytes of every size up to the 1280-byte limit and beyond.
      try (DatagramSocket socket = new DatagramSocket()) {
        for (int i = 0; i < 5_000; i++) {
          byte[] junk = new byte[random.nextInt(1600)];
          random.nextBytes(junk);
          socket.send(new DatagramPacket(junk, junk.length, address));
        }
      }

      // 2. TALKREQ payloads through a real session: random and mutated TopDisc and probe messages,
      // 250 at a time (a round lasts as long as its slowest request, oversized ones time out).
      Bytes seed =
          TopicCodec.encode(
              new io.waypost.core.discovery.topic.TopicMessage.TopicQuery(
                  Bytes.of(1), io.waypost.core.model.ServiceId.of("mailserver"), List.of(256)));
      List<Bytes> protocols =
          List.of(
              TopicCodec.PROTOCOL,
              ProbeProtocol.PROTOCOL,
              Bytes.wrap("nope".getBytes()),
              Bytes.EMPTY);
      for (int round = 0; round < 4; round++) {
        List<CompletableFuture<Bytes>> calls = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
          MutableBytes payload =
              random.nextBoolean()
                  ? Bytes.random(random.nextInt(900), random).mutableCopy()
                  : seed.mutableCopy();
          if (payload.size() > 0) {
            payload.set(random.nextInt(payload.size()), (byte) random.nextInt(256));
          }
          calls.add(
              attacker
                  .talk(target.localRecord(), protocols.get(random.nextInt(4)), payload)
                  .exceptionally(e -> Bytes.EMPTY));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
      }

      // Still alive and answering, with no state left behind by the garbage.
      DiscoveryNode checker = network.add(network.builder(LocalNetwork.nextAddress()));
      assertTrue(checker.ping(target.localRecord()).join().compareTo(Duration.ofSeconds(2)) < 0);
      assertTrue(checker.probe(target.localRecord()).join().timestampMillis() > 0);
      assertEquals(0, target.talkDispatcher().handlerFailures(), "no handler threw");
      assertEquals(0, target.registrar().adCount());
      assertEquals(0, target.registrar().ipTreeVertices());
      assertTrue(target.knownNodes().count() <= 3, "only real nodes in the table");
      System.gc();
      long heapAfter = runtime.totalMemory() - runtime.freeMemory();
      assertTrue(
          heapAfter - heapBefore < 128L * 1024 * 1024,
          "heap grew by " + (heapAfter - heapBefore) / 1024 / 1024 + " MiB");
    }
  }
}
