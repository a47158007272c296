package io.waypost.core.discovery.peers;

import static io.waypost.core.discovery.LocalNetwork.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.core.discovery.DiscoveryNode;
import io.waypost.core.discovery.LocalNetwork;
import io.waypost.core.discovery.topic.TopicParameters;
import io.waypost.core.model.NodeId;
import io.waypost.core.model.ServiceId;
import io.waypost.core.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Live service peers over real UDP: added, updated, gone, and remembered across a restart. */
@Timeout(120)
class ServicePeersTest {

  static final ServiceId MAIL = ServiceId.of("mailserver");

  @TempDir Path dir;

  boolean has(List<PeerEvent> events, PeerEvent.Kind kind, NodeId id) {
    return events.stream().anyMatch(e -> e.kind() == kind && e.peer().nodeId().equals(id));
  }

  @Test
  void peersAreAddedUpdatedGoneAndCached() throws Exception {
    PeerPolicy policy =
        PeerPolicy.defaults(2)
            .withIntervals(Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofMillis(300));
    try (LocalNetwork network =
            new LocalNetwork(TopicParameters.defaults().withAdLifetime(Duration.ofSeconds(3)));
        Database db = Database.open(dir.resolve("waypost.db"))) {
      network.start(5, i -> {});
      DiscoveryNode staying =
          network.add(network.builder(LocalNetwork.nextAddress()).advertise(MAIL));
      DiscoveryNode leaving =
          network.add(network.builder(LocalNetwork.nextAddress()).advertise(MAIL));
      DiscoveryNode client =
          network.add(network.builder(LocalNetwork.nextAddress()).peerCache(new PeerCache(db)));

      List<PeerEvent> events = new CopyOnWriteArrayList<>();
      ServicePeers peers = client.watch(MAIL, policy);
      peers.subscribe(events::add);
      await(
          "both advertisers added",
          Duration.ofSeconds(40),
          () ->
              has(events, PeerEvent.Kind.ADDED, staying.nodeId())
                  && has(events, PeerEvent.Kind.ADDED, leaving.nodeId()));
      await(
          "round-trip times measured",
          Duration.ofSeconds(10),
          () -> peers.snapshot().stream().allMatch(p -> p.rtt().isPresent()));
      ServicePeer seen =
          peers.snapshot().stream()
              .filter(p -> p.nodeId().equals(staying.nodeId()))
              .findFirst()
              .orElseThrow();
      assertTrue(
          seen.source() == PeerSource.TOPIC_QUERY || seen.source() == PeerSource.ENR_WALK,
          "found by a search: " + seen.source());
      assertEquals(0, seen.failures());

      // A new ENR sequence (one more service listed) shows up as UPDATED.
      staying.advertise(ServiceId.of("push-notification"));
      await(
          "the new record is seen",
          Duration.ofSeconds(30),
          () -> has(events, PeerEvent.Kind.UPDATED, staying.nodeId()));

      // A peer that stops answering leaves within pingInterval * maxFailures + timeouts.
      long stoppedAt = System.nanoTime();
      leaving.close();
      await(
          "the stopped peer is gone",
          Duration.ofSeconds(15),
          () -> has(events, PeerEvent.Kind.GONE, leaving.nodeId()));
      assertTrue(Duration.ofNanos(System.nanoTime() - stoppedAt).toSeconds() < 15);

      // A restarted client begins with the cached peer before any search answers.
      DiscoveryNode restarted =
          network.add(network.builder(LocalNetwork.nextAddress()).peerCache(new PeerCache(db)));
      ServicePeers again =
          restarted.watch(
              MAIL,
              policy.withIntervals(Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1)));
      assertTrue(
          again.snapshot().stream().anyMatch(p -> p.nodeId().equals(staying.nodeId())),
          "cached peer present at start: " + again.snapshot());
    }
  }
}
