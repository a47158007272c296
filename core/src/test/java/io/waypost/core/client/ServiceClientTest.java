package io.waypost.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.core.devnet.Devnet;
import io.waypost.core.devnet.DevnetDiscovery;
import io.waypost.core.devnet.DevnetNode;
import io.waypost.core.discovery.DiscoveryNode;
import io.waypost.core.discovery.LocalNetwork;
import io.waypost.core.discovery.NodeKey;
import io.waypost.core.discovery.peers.PeerPolicy;
import io.waypost.core.model.NodeId;
import io.waypost.core.model.ServiceId;
import io.waypost.core.request.EncryptedRequests;
import io.waypost.core.selection.ServerSelector;
import io.waypost.core.testing.DevnetFixture;
import io.waypost.core.testing.Eventually;
import io.waypost.core.trust.CheckOutcome;
import io.waypost.core.trust.RegistrySnapshot;
import io.waypost.core.trust.TrustCheck;
import io.waypost.core.trust.TrustPolicy;
import io.waypost.core.trust.TrustVerdict;
import io.waypost.core.trust.TrustVerdict.Kind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client on the devnet with a real discovery network: trusted, pending-provider,
 * suspended-provider, unregistered, wrong-service and custom nodes each get their verdict with the
 * right reasons; suspending a provider flips its nodes live; an encrypted request goes through
 * discovery to a verified node and back.
 */
class ServiceClientTest {

  private static final ServiceId MAIL = ServiceId.of("mailserver");
  private static final ServiceId PUSH = ServiceId.of("push-notification");

  @TempDir Path dataDir;

  @Test
  void verdictsSelectionAndEncryptedRequestsOnALiveNetwork() throws Exception {
    Clock clock = Clock.systemUTC();
    try (DevnetFixture f = new DevnetFixture(dataDir)) {
      f.indexer.syncOnce();
      // A node registered for push notifications that advertises itself as a mail server.
      Path wrongKey = dataDir.resolve("wrong-service.key");
      NodeKey wrong = NodeKey.loadOrCreate(wrongKey, new SecureRandom());
      f.devnet
          .registry()
          .as(Devnet.accounts().get(1).credentials())
          .registerOwnNode(wrong.ecKeyPair(), PUSH, clock.instant().getEpochSecond() + 3600)
          .get();
      f.indexer.syncOnce();

      List<DevnetDiscovery.Member> members = new ArrayList<>();
      for (DevnetNode node : f.devnet.nodes()) {
        members.add(new DevnetDiscovery.Member(node.name(), node.keyFile(), node.services()));
      }
      members.add(new DevnetDiscovery.Member("wrong-service", wrongKey, List.of("mailserver")));
      try (DevnetDiscovery network = DevnetDiscovery.startMembers(members, clock);
          DiscoveryNode clientNode = clientNode(network, clock)) {
        clientNode.start().join();
        TrustPolicy policy = new TrustPolicy(f.database, clock);
        ServiceClient client =
            new ServiceClient(
                clientNode,
                MAIL,
                PeerPolicy.defaults(8)
                    .withIntervals(
                        Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(2)),
                new ServiceClient.Inputs(
                    RegistrySnapshot.cached(f.indexer),
                    () -> policy.trustedProviders(f.devnet.profile()),
                    policy),
                new ServerSelector(clock, new SecureRandom()),
                new EncryptedRequests(clock, new SecureRandom()),
                clock);
        f.indexer.addListener(update -> client.reverify());
        client.addCustom(network.nodes().get("custom-mail-1").localEnr(), "my own server");

        Map<String, NodeId> ids = new HashMap<>();
        f.devnet.nodes().forEach(n -> ids.put(n.name(), n.nodeId()));
        ids.put("wrong-service", wrong.nodeId());
        List<String> expected =
            List.of(
                "status-mail-1",
                "status-mail-2",
                "status-mail-3",
                "nimbus-mail-1",
                "oldmail-mail-1",
                "unregistered-mail-1",
                "wrong-service",
                "custom-mail-1");
        Eventually.await(
            "every mail node is discovered and probed",
            Duration.ofSeconds(90),
            () ->
                expected.stream()
                    .allMatch(
                        name ->
                            verdict(client, ids.get(name))
                                .map(
                                    v ->
                                        v.checks().stream()
                                            .noneMatch(
                                                c -> c.result() == CheckOutcome.Result.UNKNOWN))
                                .orElse(false)));

        assertEquals(Kind.TRUSTED, verdict(client, ids.get("status-mail-1")).orElseThrow().kind());
        assertFails(
            client,
            ids.get("nimbus-mail-1"),
            TrustCheck.PROVIDER_APPROVED,
            "Nimbus Relay is pending");
        assertFails(
            client,
            ids.get("oldmail-mail-1"),
            TrustCheck.PROVIDER_APPROVED,
            "Old Mail Co is suspended");
        assertFails(
            client,
            ids.get("unregistered-mail-1"),
            TrustCheck.REGISTERED,
            "not registered for mailserver");
        assertFails(
            client,
            ids.get("wrong-service"),
            TrustCheck.REGISTERED,
            "not registered for mailserver");
        assertEquals(Kind.CUSTOM, verdict(client, ids.get("custom-mail-1")).orElseThrow().kind());
        assertTrue(
            client.known().stream().noneMatch(k -> k.nodeId().equals(ids.get("status-push-1"))),
            "a push-notification node is not a mail server");

        NodeId chosen = client.select().orElseThrow().nodeId();
        assertTrue(
            List.of(
                    ids.get("status-mail-1"),
                    ids.get("status-mail-2"),
                    ids.get("status-mail-3"),
                    ids.get("custom-mail-1"))
                .contains(chosen),
            "a usable server is chosen");

        Bytes answer =
            client
                .request(
                    ids.get("status-mail-1"),
                    Bytes.wrap("messages for topic 0xabcd".getBytes(StandardCharsets.UTF_8)))
                .get();
        assertTrue(
            new String(answer.toArrayUnsafe(), StandardCharsets.UTF_8)
                .startsWith("waypost-agent time="));

        // The same verdicts, confirmed by the contract in one batch call.
        List<TrustVerdict> confirmed = client.verdictsConfirmedBy(f.devnet.registry()).get();
        assertTrue(
            confirmed.stream()
                .filter(v -> v.nodeId().equals(ids.get("status-mail-1")))
                .allMatch(
                    v ->
                        v.kind() == Kind.TRUSTED
                            && v.checks().stream()
                                .anyMatch(c -> c.detail().contains("confirmed on-chain"))));

        // The user trusts Nimbus Relay and a curator approves it: its node turns trusted live.
        policy.trustProviders(
            f.devnet.profile(),
            java.util.Set.of(
                Devnet.accounts().get(1).address(), Devnet.accounts().get(2).address()));
        f.devnet
            .registry()
            .as(Devnet.accounts().get(0).credentials())
            .approveProvider(Devnet.accounts().get(2).address())
            .get();
        f.indexer.syncOnce();
        assertEquals(Kind.TRUSTED, verdict(client, ids.get("nimbus-mail-1")).orElseThrow().kind());

        // A curator suspends Status: within one indexer poll its nodes are untrusted.
        f.devnet
            .registry()
            .as(Devnet.accounts().get(0).credentials())
            .suspendProvider(Devnet.accounts().get(1).address(), "Audit pending")
            .get();
        f.indexer.syncOnce();
        assertFails(
            client,
            ids.get("status-mail-1"),
            TrustCheck.PROVIDER_APPROVED,
            "Status is suspended: Audit pending");
        NodeId fallback = client.select().orElseThrow().nodeId();
        assertTrue(
            List.of(ids.get("custom-mail-1"), ids.get("nimbus-mail-1")).contains(fallback),
            "selection falls back to a server still usable (custom, or Nimbus now approved)");

        // The user removes their custom server: it leaves the policy and is custom no more.
        assertTrue(client.removeCustom(ids.get("custom-mail-1")));
        assertTrue(policy.customServers(client.service()).isEmpty());
        assertTrue(
            verdict(client, ids.get("custom-mail-1"))
                .map(v -> v.kind() != Kind.CUSTOM)
                .orElse(true),
            "a removed custom server is not usable as custom");
        client.close();
      }
    }
  }

  private static DiscoveryNode clientNode(DevnetDiscovery network, Clock clock) {
    return LocalNetwork.clientOf(network.bootnode())
        .clock(clock)
        .requestTimeout(Duration.ofMillis(1500))
        .recursiveLookupInterval(Duration.ofSeconds(2))
        .build();
  }

  private static Optional<TrustVerdict> verdict(ServiceClient client, NodeId node) {
    return client.verdicts().stream().filter(v -> v.nodeId().equals(node)).findFirst();
  }

  private static void assertFails(
      ServiceClient client, NodeId node, TrustCheck check, String detail) {
    TrustVerdict verdict = verdict(client, node).orElseThrow();
    assertEquals(Kind.UNTRUSTED, verdict.kind(), verdict.summary());
    assertTrue(
        verdict.failing().stream().anyMatch(c -> c.check() == check && c.detail().contains(detail)),
        verdict.summary());
  }
}
