package io.waypost.core.discovery;

import static io.waypost.core.discovery.LocalNetwork.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.core.discovery.enr.CapabilityMap;
import io.waypost.core.discovery.topic.TopicParameters;
import io.waypost.core.discovery.topic.TopicSearch;
import io.waypost.core.model.ServiceId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.ethereum.beacon.discovery.schema.NodeRecord;
import org.ethereum.beacon.discovery.util.Functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Searches do not wait for dead nodes (α-concurrency, {@link RequestWindow}). Real nodes on
 * loopback; two of them are stopped while the searcher's table still holds them, and they are
 * placed (by choosing their keys) where each search asks first: in the farthest bucket from the
 * service, and closest to the node being resolved. The searcher's requests time out only after 30
 * s. Each search must find everything it wants while its requests to the dead nodes are all still
 * unanswered; a search that waited for every request of a step before the next would have seen them
 * time out first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class SearchPastDeadNodesTest {

  static final ServiceId MAIL = ServiceId.of("mailserver");
  static final Duration DEAD_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  final SecureRandom random = new SecureRandom();
  LocalNetwork network;
  final List<DiscoveryNode> live = new ArrayList<>();
  final List<DiscoveryNode> advertisers = new ArrayList<>();
  final List<NodeRecord> dead = new ArrayList<>();
  DiscoveryNode far; // an advertiser in the farthest bucket, beside the dead nodes
  DiscoveryNode searcher;

  @BeforeAll
  void startNetwork() {
    // A short ad lifetime: a registrar that holds one mail ad makes the next mail advertiser wait
    // about E (the waiting time's service term), and renewals of an admitted ad are immediate.
    network = new LocalNetwork(TopicParameters.defaults().withAdLifetime(Duration.ofSeconds(10)));
    Predicate<Bytes32> near = id -> distanceToService(id) < 256;
    for (int i = 0; i < 6; i++) {
      live.add(network.add(builder(near)));
    }
    far = network.add(builder(id -> distanceToService(id) == 256).advertise(MAIL));
    Bytes32 farId = far.nodeId().value();
    advertisers.add(far);
    advertisers.add(network.add(builder(near).advertise(MAIL)));
    advertisers.add(network.add(builder(near).advertise(MAIL)));
    live.addAll(advertisers);
    // Beside `far`: in the farthest bucket from the service too, and nearer to `far` than anyone.
    List<DiscoveryNode> doomed = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      DiscoveryNode node =
          builder(id -> Functions.logDistance(id, farId) <= 250)
              .bootnode(live.get(0).localRecord())
              .build();
      node.start().join();
      doomed.add(node);
    }
    for (DiscoveryNode advertiser : advertisers) {
      // The dead nodes can hold at most two of an advertiser's ads: a live registrar holds one.
      await(
          "ads of " + advertiser.nodeId() + " placed at three registrars",
          Duration.ofSeconds(90),
          () -> advertiser.activeAdPlacements(MAIL) >= 3);
    }
    Bytes farNodeId = far.localRecord().getNodeId();
    await(
        "every live node but the far advertiser knows it",
        Duration.ofSeconds(60),
        () ->
            live.stream()
                .filter(n -> n != far)
                .allMatch(n -> n.knownNodes().anyMatch(r -> r.getNodeId().equals(farNodeId))));
    doomed.forEach(n -> dead.add(n.localRecord()));
    DiscoveryNode.closeAll(doomed);
    searcher =
        network.add(
            network.builder(LocalNetwork.nextAddress()).requestTimeout(DEAD_REQUEST_TIMEOUT));
  }

  @AfterAll
  void stopNetwork() {
    network.close();
  }

  @Test
  void topicSearchFindsEveryAdvertiserWhileDeadRegistrarsAreUnanswered() {
    WatchedTransport transport = new WatchedTransport(searcher.transport(), dead);
    // The searcher's table as it was: every node of the network, the dead ones included.
    List<NodeRecord> table = records(live, dead);
    SearchResult result =
        new TopicSearch(
                transport, table::stream, TopicParameters.defaults(), Clock.systemUTC(), random)
            .search(MAIL, advertisers.size())
            .join();
    assertEquals(ids(advertisers), foundIds(result.found()), "found: " + result);
    transport.assertAskedAllAndNoneAnswered();
  }

  @Test
  void enrWalkFindsEveryAdvertiserWhileDeadNodesAreUnanswered() {
    WatchedTransport transport = new WatchedTransport(searcher.transport(), dead);
    // A table of three: the two dead nodes and one live one. α = 3 asks all three at once.
    List<NodeRecord> table = records(List.of(live.get(0)), dead);
    SearchResult result =
        new EnrWalkSearch(
                transport, table::stream, CapabilityMap.defaults(), Clock.systemUTC(), random)
            .search(MAIL, advertisers.size(), 100)
            .join();
    assertEquals(ids(advertisers), foundIds(result.found()), "found: " + result);
    transport.assertAskedAllAndNoneAnswered();
  }

  @Test
  void lookupResolvesANodeWhileItsDeadNeighboursAreUnanswered() {
    WatchedTransport transport = new WatchedTransport(searcher.transport(), dead);
    // Everyone but the target: the dead nodes are the nearest to it, so they are asked first.
    List<NodeRecord> table = records(live.stream().filter(n -> n != far).toList(), dead);
    NodeLookup.Result result =
        new NodeLookup(transport, table::stream, Clock.systemUTC())
            .resolve(far.nodeId().value(), 30)
            .join();
    assertEquals(far.localRecord(), result.record().orElseThrow(), "resolved: " + result);
    transport.assertAskedAllAndNoneAnswered();
  }

  private DiscoveryNode.Builder builder(Predicate<Bytes32> idWanted) {
    NodeKey key = NodeKey.generate(random);
    while (!idWanted.test(key.nodeId().value())) {
      key = NodeKey.generate(random);
    }
    return network.builder(LocalNetwork.nextAddress()).nodeKey(key);
  }

  private static int distanceToService(Bytes32 id) {
    return Functions.logDistance(MAIL.value(), id);
  }

  private static List<NodeRecord> records(List<DiscoveryNode> nodes, List<NodeRecord> more) {
    return Stream.concat(nodes.stream().map(DiscoveryNode::localRecord), more.stream()).toList();
  }

  private static Set<Bytes> ids(List<DiscoveryNode> nodes) {
    return nodes.stream().map(n -> n.localRecord().getNodeId()).collect(Collectors.toSet());
  }

  private static Set<Bytes> foundIds(List<NodeRecord> found) {
    return found.stream().map(NodeRecord::getNodeId).collect(Collectors.toSet());
  }

  /** The node's real requests, noting which went to the dead nodes and whether they ended. */
  private static final class WatchedTransport implements Transport {
    private final Transport real;
    private final Set<Bytes> deadIds;
    private final AtomicInteger sentToDead = new AtomicInteger();
    private final AtomicInteger endedToDead = new AtomicInteger();

    WatchedTransport(Transport real, List<NodeRecord> dead) {
      this.real = real;
      this.deadIds = dead.stream().map(NodeRecord::getNodeId).collect(Collectors.toSet());
    }

    private <T> CompletableFuture<T> watch(NodeRecord to, CompletableFuture<T> request) {
      if (deadIds.contains(to.getNodeId())) {
        sentToDead.incrementAndGet();
        return request.whenComplete((answer, error) -> endedToDead.incrementAndGet());
      }
      return request;
    }

    /** Both dead nodes were asked, and neither request had ended when the search did. */
    void assertAskedAllAndNoneAnswered() {
      int ended = endedToDead.get();
      assertEquals(deadIds.size(), sentToDead.get(), "requests to the dead nodes");
      assertTrue(
          ended == 0,
          ended
              + " request(s) to dead nodes had timed out before the search ended: it waited for"
              + " them");
    }

    @Override
    public CompletableFuture<Bytes> talk(NodeRecord to, Bytes protocol, Bytes request) {
      return watch(to, real.talk(to, protocol, request));
    }

    @Override
    public CompletableFuture<Collection<NodeRecord>> findNodes(
        NodeRecord to, List<Integer> distances) {
      return watch(to, real.findNodes(to, distances));
    }

    @Override
    public CompletableFuture<Void> ping(NodeRecord to) {
      return watch(to, real.ping(to));
    }

    @Override
    public long requestsSent() {
      return real.requestsSent();
    }

    @Override
    public long responsesReceived() {
      return real.responsesReceived();
    }
  }
}
