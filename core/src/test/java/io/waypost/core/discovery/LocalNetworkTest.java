package io.waypost.core.discovery;

import static io.waypost.core.discovery.LocalNetwork.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.core.discovery.enr.CapabilityMap;
import io.waypost.core.discovery.enr.ServiceEntry;
import io.waypost.core.discovery.topic.TopicParameters;
import io.waypost.core.model.ServiceId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes;
import org.ethereum.beacon.discovery.schema.NodeRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** A dozen real discv5 nodes on loopback: ads are placed, found, and lapse when withdrawn. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class LocalNetworkTest {

  static final ServiceId MAIL = ServiceId.of("mailserver");
  static final Duration LIFETIME = Duration.ofSeconds(3);

  LocalNetwork network;
  List<DiscoveryNode> advertisers;
  DiscoveryNode searcher;

  @BeforeAll
  void startNetwork() {
    network = new LocalNetwork(TopicParameters.defaults().withAdLifetime(LIFETIME));
    network.start(10, i -> {});
    advertisers =
        List.of(
            network.add(network.builder(LocalNetwork.nextAddress()).advertise(MAIL)),
            network.add(network.builder(LocalNetwork.nextAddress()).advertise(MAIL)),
            network.add(network.builder(LocalNetwork.nextAddress()).advertise(MAIL)));
    searcher = network.add(network.builder(LocalNetwork.nextAddress()));
    for (DiscoveryNode advertiser : advertisers) {
      await(
          "ads of " + advertiser.nodeId() + " placed",
          Duration.ofSeconds(40),
          () -> advertiser.activeAdPlacements(MAIL) >= 2);
    }
  }

  @AfterAll
  void stopNetwork() {
    network.close();
  }

  private Set<Bytes> ids(List<DiscoveryNode> nodes) {
    return nodes.stream().map(n -> n.localRecord().getNodeId()).collect(Collectors.toSet());
  }

  @Test
  void topicQueryFindsEveryAdvertiser() {
    Set<Bytes> wanted = ids(advertisers);
    await(
        "a topic search finds all three advertisers",
        Duration.ofSeconds(30),
        () -> {
          SearchResult result = searcher.searchByTopic(MAIL, 10).join();
          Set<Bytes> found =
              result.found().stream().map(r -> r.getNodeId()).collect(Collectors.toSet());
          return found.containsAll(wanted);
        });
  }

  @Test
  void enrWalkFindsAdvertisersByTheirEntry() {
    await(
        "the ENR walk finds all three advertisers",
        Duration.ofSeconds(30),
        () -> {
          SearchResult result = searcher.searchByEnrWalk(MAIL, 3, 200).join();
          return result.found().size() == 3
              && result.found().stream().allMatch(r -> ServiceEntry.provides(r, MAIL));
        });
  }

  @Test
  void anEnrWalkFromASingleKnownNodeFindsEveryAdvertiser() {
    // In a network this small one FINDNODE for the three distances around a random target often
    // brings nothing new; the walk must then ask the same nodes for other distances, not stop.
    Set<Bytes> wanted = ids(advertisers);
    List<DiscoveryNode> starts = network.nodes().subList(0, 10);
    for (int walk = 0; walk < 20; walk++) {
      NodeRecord start = starts.get(walk % starts.size()).localRecord();
      SearchResult result =
          new EnrWalkSearch(
                  searcher.transport(),
                  () -> Stream.of(start),
                  CapabilityMap.defaults(),
                  Clock.systemUTC(),
                  new SecureRandom())
              .search(MAIL, wanted.size(), 200)
              .join();
      Set<Bytes> found =
          result.found().stream().map(NodeRecord::getNodeId).collect(Collectors.toSet());
      assertEquals(wanted, found, "walk " + walk + " from " + start.getNodeId() + ": " + result);
    }
  }

  @Test
  void aNodeJoinsThroughAnEnodeBootnode() throws Exception {
    DiscoveryNode first = network.nodes().get(0);
    var address = first.localRecord().getUdpAddress().orElseThrow();
    String enode =
        "enode://"
            + io.waypost.core.discovery.enr.NodeRecords.describe(first.localRecord())
                .publicKey()
                .toUnprefixedHexString()
            + "@"
            + address.getAddress().getHostAddress()
            + ":"
            + address.getPort();
    String host = LocalNetwork.nextAddress();
    try (DiscoveryNode joiner =
        DiscoveryNode.builder()
            .nodeKey(NodeKey.generate(new java.security.SecureRandom()))
            .bind(host, LocalNetwork.freeUdpPort(host))
            .recursiveLookupInterval(Duration.ofSeconds(1))
            .bootnode(enode)
            .build()) {
      joiner.start().join();
      await(
          "the joiner learns the network through the enode bootnode",
          Duration.ofSeconds(30),
          () -> joiner.knownNodes().count() >= 5);
    }
  }

  @Test
  void aNodeIsResolvedByItsIdThroughTheDht() {
    // A newcomer that knows only the bootnode: the record must come from FINDNODE answers.
    DiscoveryNode newcomer = network.add(network.builder(LocalNetwork.nextAddress()));
    DiscoveryNode target = advertisers.get(1);
    NodeLookup.Result found = newcomer.resolve(target.nodeId(), 30).join();
    assertTrue(found.record().isPresent(), "found: " + found);
    assertEquals(target.localRecord(), found.record().orElseThrow(), "the target's own record");
    assertTrue(found.requests() >= 1, "asked the DHT: " + found);

    io.waypost.core.model.NodeId nobody =
        io.waypost.core.model.NodeId.fromHex(
            org.apache.tuweni.bytes.Bytes32.random().toHexString());
    NodeLookup.Result missing = newcomer.resolve(nobody, 30).join();
    assertTrue(missing.record().isEmpty(), "no node has a random id: " + missing);
    assertTrue(missing.requests() <= 30, "within its budget: " + missing);
  }

  @Test
  void probeAnswersAreSignedByTheNodeKey() {
    DiscoveryNode target = advertisers.get(0);
    var answer = searcher.probe(target.localRecord()).join();
    assertTrue(answer.timestampMillis() > 0);
    Duration rtt = searcher.ping(target.localRecord()).join();
    assertTrue(rtt.compareTo(Duration.ofSeconds(2)) < 0, "ping answered: " + rtt);
  }

  @Test
  void aNodeThatStopsAdvertisingDropsOutOfResults() {
    DiscoveryNode leaving =
        network.add(network.builder(LocalNetwork.nextAddress()).advertise(ServiceId.of("push")));
    ServiceId push = ServiceId.of("push");
    Bytes id = leaving.localRecord().getNodeId();
    await(
        "the push advertiser is found",
        Duration.ofSeconds(30),
        () ->
            searcher.searchByTopic(push, 5).join().found().stream()
                .anyMatch(r -> r.getNodeId().equals(id)));
    leaving.stopAdvertising(push);
    assertEquals(0, leaving.activeAdPlacements(push));
    await(
        "its ads lapse after their lifetime",
        LIFETIME.multipliedBy(4),
        () -> searcher.searchByTopic(push, 5).join().found().isEmpty());
    assertTrue(ServiceEntry.rawValue(leaving.localRecord()).map(Bytes::isEmpty).orElse(true));
  }
}
