package io.waypost.core.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.core.discovery.NodeKey;
import io.waypost.core.discovery.dns.EnrTreeClient;
import io.waypost.core.discovery.dns.SignedTree;
import io.waypost.core.discovery.enr.NodeAddress;
import io.waypost.core.discovery.enr.NodeRecords;
import io.waypost.core.testing.Eventually;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The session's node-list source on its own: a list is read at start and again on its interval; a
 * list replaced by one its key did not sign is reported and changes nothing (the last good copy's
 * nodes stay); an unreachable list is reported without failing anything.
 */
class DnsTreeSourceTest {

  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void aRefusedReadingIsReportedAndTheLastGoodCopyStays() throws Exception {
    NodeKey curator = NodeKey.generate(RANDOM);
    List<NodeAddress> nodes = List.of(node(), node());
    SignedTree good = SignedTree.build("mail.lists.test", 3, nodes, List.of(), curator);
    Map<String, String> zone = new ConcurrentHashMap<>(good.records());
    List<List<NodeAddress>> offered = new CopyOnWriteArrayList<>();
    var work = Executors.newVirtualThreadPerTaskExecutor();
    var scheduler = Executors.newSingleThreadScheduledExecutor();
    DnsTreeSource source =
        new DnsTreeSource(
            List.of(good.url()),
            new EnrTreeClient(
                name -> zone.containsKey(name) ? List.of(zone.get(name)) : List.of(),
                EnrTreeClient.Limits.defaults()),
            work,
            Clock.systemUTC(),
            offered::add);
    try {
      source.start(scheduler, Duration.ofMillis(100));
      DnsTreeSource.Reading first = source.firstReading().get().get(0);
      assertTrue(first.accepted(), first.toString());
      assertEquals(3, first.seq().getAsLong());
      assertEquals(2, first.nodes().size());
      assertEquals(nodes.size(), offered.get(0).size(), "every node handed to the session");

      // The domain now serves a root signed by someone else: refused, nothing changes.
      SignedTree forged =
          SignedTree.build(
              "mail.lists.test", 4, List.of(node()), List.of(), NodeKey.generate(RANDOM));
      zone.clear();
      zone.putAll(forged.records());
      Eventually.await(
          () -> "the forged list is read and refused: " + source.latest(),
          Duration.ofSeconds(10),
          () -> !source.latest().get(0).accepted());
      DnsTreeSource.Reading refused = source.latest().get(0);
      assertTrue(
          refused.problem().orElseThrow().contains("not signed by the key in"), refused.toString());
      assertEquals(3, refused.seq().getAsLong(), "the last good copy's number");
      assertEquals(
          nodes.stream().map(NodeAddress::nodeId).collect(java.util.stream.Collectors.toSet()),
          source.nodes().stream()
              .map(NodeAddress::nodeId)
              .collect(java.util.stream.Collectors.toSet()),
          "the last good copy's nodes stay");

      // Gone altogether: reported, still nothing lost.
      zone.clear();
      Eventually.await(
          () -> "the missing list is reported: " + source.latest(),
          Duration.ofSeconds(10),
          () -> source.latest().get(0).problem().orElse("").contains("no enrtree-root TXT record"));
      assertFalse(source.latest().get(0).accepted());
      assertEquals(2, source.nodes().size());
    } finally {
      source.close();
      scheduler.shutdownNow();
      work.shutdownNow();
    }
  }

  /** A signed record, as a list holds them. */
  private static NodeAddress node() throws Exception {
    return NodeRecords.parse(
        new org.ethereum.beacon.discovery.schema.NodeRecordBuilder()
            .signer(NodeKey.generate(RANDOM).signer())
            .seq(org.apache.tuweni.units.bigints.UInt64.ONE)
            .address("127.0.0.1", 30_303, 30_303)
            .build()
            .asEnr());
  }
}
