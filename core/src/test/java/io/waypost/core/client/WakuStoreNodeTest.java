package io.waypost.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.core.devnet.Devnet;
import io.waypost.core.discovery.DiscoveryNode;
import io.waypost.core.discovery.LocalNetwork;
import io.waypost.core.discovery.NodeKey;
import io.waypost.core.discovery.enr.CapabilityMap;
import io.waypost.core.discovery.enr.NodeAddress;
import io.waypost.core.discovery.enr.NodeRecords;
import io.waypost.core.discovery.peers.PeerPolicy;
import io.waypost.core.discovery.peers.PeerSource;
import io.waypost.core.discovery.topic.TopicParameters;
import io.waypost.core.discovery.waku.WakuFields;
import io.waypost.core.model.ServiceId;
import io.waypost.core.request.EncryptedRequests;
import io.waypost.core.selection.ServerSelector;
import io.waypost.core.testing.DevnetFixture;
import io.waypost.core.testing.Eventually;
import io.waypost.core.testing.WakuEnrJs;
import io.waypost.core.trust.CheckOutcome;
import io.waypost.core.trust.RegistrySnapshot;
import io.waypost.core.trust.TrustCheck;
import io.waypost.core.trust.TrustPolicy;
import io.waypost.core.trust.TrustVerdict;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Waku store node (no Waypost entry in its record, only {@code waku2} with the store bit),
 * registered under {@code mailserver} by an approved provider, is TRUSTED: found by a discv5 ENR
 * walk on a live loopback network, and checked from a record that the npm package @waku/enr built.
 * A Waku relay-only record does not advertise mailserver.
 */
@Timeout(180)
class WakuStoreNodeTest {

  static final ServiceId MAIL = ServiceId.of("mailserver");

  @TempDir Path dataDir;

  @Test
  void aRegisteredWakuStoreNodeIsTrustedThroughAnEnrWalkAndFromAWakuJsRecord() throws Exception {
    Clock clock = Clock.systemUTC();
    SecureRandom random = new SecureRandom();
    Bytes32 storeSecret = Bytes32.random(random);
    Bytes32 relaySecret = Bytes32.random(random);
    NodeKey storeKey = NodeKey.fromSecret(storeSecret);
    NodeKey relayKey = NodeKey.fromSecret(relaySecret);
    String host = LocalNetwork.nextAddress();
    int port = LocalNetwork.freeUdpPort(host);

    String storeRecord =
        WakuEnrJs.record(
            storeSecret,
            "--ip",
            host,
            "--udp",
            Integer.toString(port),
            "--tcp",
            "60000",
            "--relay",
            "--store",
            "--cluster",
            "16",
            "--shards",
            "32,64",
            "--multiaddr",
            "/dns4/store.example.org/tcp/443/wss");
    String relayRecord = WakuEnrJs.record(relaySecret, "--ip", host, "--udp", "30303", "--relay");

    // The independent record is valid here, and read as a Waku store node on cluster 16.
    NodeAddress store = NodeRecords.parse(storeRecord);
    assertEquals(storeKey.nodeId(), store.nodeId());
    WakuFields waku = WakuFields.of(store.fields());
    assertTrue(waku.has(WakuFields.Capability.STORE) && waku.has(WakuFields.Capability.RELAY));
    assertEquals(
        new WakuFields.RelayShards(16, List.of(32, 64), "rs"), waku.shards().orElseThrow());
    assertEquals(List.of("/dns4/store.example.org/tcp/443/wss"), waku.multiaddrs());
    assertEquals(
        List.of("waku2.store"), CapabilityMap.defaults().mappedCapabilities(store.fields(), MAIL));
    assertEquals(
        List.of(),
        CapabilityMap.defaults().mappedCapabilities(NodeRecords.parse(relayRecord).fields(), MAIL));

    try (DevnetFixture f = new DevnetFixture(dataDir);
        LocalNetwork network = new LocalNetwork(TopicParameters.defaults())) {
      long expiry = clock.instant().getEpochSecond() + 3600;
      var status = f.devnet.registry().as(Devnet.accounts().get(1).credentials());
      status.registerOwnNode(storeKey.ecKeyPair(), MAIL, expiry).get();
      status.registerOwnNode(relayKey.ecKeyPair(), MAIL, expiry).get();
      f.indexer.syncOnce();

      network.start(2, i -> {}); // the first is everyone's bootnode
      // The store node runs with the same key at the address the @waku/enr record names; its
      // own record carries waku2 = relay|store and no Waypost entry.
      network.add(
          network
              .builder(host)
              .nodeKey(storeKey)
              .bind(host, port)
              .recordField(WakuFields.WAKU2, Bytes.of(0x03)));
      DiscoveryNode clientNode = network.add(network.builder(LocalNetwork.nextAddress()));
      TrustPolicy policy = new TrustPolicy(f.database, clock);
      try (ServiceClient client =
          new ServiceClient(
              clientNode,
              MAIL,
              PeerPolicy.defaults(4)
                  .withIntervals(
                      Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(2)),
              new ServiceClient.Inputs(
                  RegistrySnapshot.cached(f.indexer),
                  () -> policy.trustedProviders(f.devnet.profile()),
                  policy),
              new ServerSelector(clock, random),
              new EncryptedRequests(clock, random),
              clock)) {
        Eventually.await(
            "the store node is found by an ENR walk and trusted",
            Duration.ofSeconds(90),
            () ->
                verdict(client, store)
                    .map(v -> v.kind() == TrustVerdict.Kind.TRUSTED)
                    .orElse(false));
        assertEquals(
            Optional.of(PeerSource.ENR_WALK), client.known(store.nodeId()).orElseThrow().source());
        assertTrue(
            detail(verdict(client, store).orElseThrow(), TrustCheck.ADVERTISES)
                .contains("Waku capability mapped to mailserver"));

        TrustVerdict fromJs = client.check(storeRecord).get();
        assertEquals(TrustVerdict.Kind.TRUSTED, fromJs.kind(), fromJs.summary());

        TrustVerdict relayOnly = client.check(relayRecord).get();
        assertEquals(TrustVerdict.Kind.UNTRUSTED, relayOnly.kind(), relayOnly.summary());
        assertEquals("does not advertise mailserver", detail(relayOnly, TrustCheck.ADVERTISES));
        assertTrue(
            relayOnly.checks().stream()
                .filter(c -> c.check() == TrustCheck.REGISTERED)
                .allMatch(CheckOutcome::passed),
            "registered, but a relay-only Waku node is no mail server: " + relayOnly.summary());
      }
    }
  }

  private static Optional<TrustVerdict> verdict(ServiceClient client, NodeAddress node) {
    return client.verdicts().stream().filter(v -> v.nodeId().equals(node.nodeId())).findFirst();
  }

  private static String detail(TrustVerdict verdict, TrustCheck check) {
    return verdict.checks().stream()
        .filter(c -> c.check() == check)
        .map(CheckOutcome::detail)
        .findFirst()
        .orElseThrow();
  }
}
