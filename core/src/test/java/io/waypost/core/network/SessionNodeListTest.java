package io.waypost.core.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.core.client.ServiceClient;
import io.waypost.core.devnet.Devnet;
import io.waypost.core.discovery.DiscoveryNode;
import io.waypost.core.discovery.NodeKey;
import io.waypost.core.discovery.dns.SignedTree;
import io.waypost.core.discovery.dns.TxtResolver;
import io.waypost.core.discovery.enr.CapabilityMap;
import io.waypost.core.discovery.enr.NodeRecords;
import io.waypost.core.discovery.peers.PeerSource;
import io.waypost.core.discovery.waku.WakuFields;
import io.waypost.core.model.ServiceId;
import io.waypost.core.testing.DevnetFixture;
import io.waypost.core.testing.Eventually;
import io.waypost.core.trust.TrustCheck;
import io.waypost.core.trust.TrustVerdict;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A profile's node lists and capability map in the session: a Waku store node that no discv5 walk
 * can find (it knows no one) is listed in the profile's EIP-1459 tree; the session reads the list,
 * offers the node to the mail client, and it verifies TRUSTED through the profile's default map.
 * With a profile that maps nothing, the same list offers nothing for mailserver, and the record
 * does not advertise it. (The tree is served from memory here; DnsTreeOnNsdTest and the console's
 * DnsListTest serve it with NSD.)
 */
class SessionNodeListTest {

  private static final ServiceId MAIL = ServiceId.of("mailserver");

  @TempDir Path dataDir;

  @Test
  void theProfilesListFeedsCandidatesVerifiedWithTheProfilesCapabilityMap() throws Exception {
    try (DevnetFixture f = new DevnetFixture(dataDir)) {
      NodeKey storeKey = NodeKey.generate(new SecureRandom());
      f.devnet
          .registry()
          .as(Devnet.accounts().get(1).credentials())
          .registerOwnNode(
              storeKey.ecKeyPair(), MAIL, Clock.systemUTC().instant().getEpochSecond() + 3600)
          .get();
      String host = "127.0.1.19";
      int port;
      try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(host, 0))) {
        port = socket.getLocalPort();
      }
      try (DiscoveryNode store =
          DiscoveryNode.builder()
              .nodeKey(storeKey)
              .bind(host, port)
              .recordField(WakuFields.WAKU2, Bytes.of(0x03))
              .build()) {
        store.start().join();
        NodeKey curator = NodeKey.generate(new SecureRandom());
        SignedTree tree =
            SignedTree.build(
                "mail.lists.test",
                1,
                List.of(NodeRecords.parse(store.localEnr())),
                List.of(),
                curator);
        Map<String, String> records = tree.records();
        TxtResolver dns =
            name -> records.containsKey(name) ? List.of(records.get(name)) : List.of();
        NetworkProfile listed =
            f.devnet.profile().withDnsDiscovery(List.of(tree.url()), CapabilityMap.defaults());

        try (NetworkSession session =
            NetworkSession.builder(listed, f.database)
                .executors(f.executor, f.scheduler)
                .dnsResolver(dns)
                .start()) {
          List<DnsTreeSource.Reading> readings = session.dnsTrees().firstReading().get();
          assertEquals(1, readings.size());
          assertTrue(readings.get(0).accepted(), readings.toString());
          assertEquals(1L, readings.get(0).seq().orElseThrow());
          ServiceClient mail = session.client(MAIL).orElseThrow();
          Eventually.await(
              () -> "the listed store node verifies TRUSTED; now " + mail.verdicts(),
              Duration.ofSeconds(30),
              () ->
                  mail.verdicts().stream()
                      .anyMatch(
                          v ->
                              v.nodeId().equals(storeKey.nodeId())
                                  && v.kind() == TrustVerdict.Kind.TRUSTED));
          assertEquals(
              Optional.of(PeerSource.DNS_TREE),
              mail.known(storeKey.nodeId()).orElseThrow().source(),
              "found through the node list");
          assertTrue(
              session.client(ServiceId.of("push-notification")).orElseThrow().known().isEmpty(),
              "a mail server is no candidate for a service it does not advertise");
        }

        NetworkProfile unmapped =
            listed.withDnsDiscovery(List.of(tree.url()), CapabilityMap.none());
        try (NetworkSession session =
            NetworkSession.builder(unmapped, f.database)
                .executors(f.executor, f.scheduler)
                .dnsResolver(dns)
                .start()) {
          assertTrue(session.dnsTrees().firstReading().get().get(0).accepted());
          ServiceClient mail = session.client(MAIL).orElseThrow();
          assertFalse(
              mail.known(storeKey.nodeId()).isPresent(),
              "with nothing mapped, a bare store node does not advertise mailserver");
          TrustVerdict checked = mail.check(store.localEnr()).get();
          assertTrue(
              checked.failing().stream().anyMatch(c -> c.check() == TrustCheck.ADVERTISES),
              "the profile's map is the session's: " + checked);
        }
      }
    }
  }
}
