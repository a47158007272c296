package io.waypost.app.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.app.cli.Nsd;
import io.waypost.app.console.discovery.PeerRow;
import io.waypost.core.devnet.Devnet;
import io.waypost.core.devnet.DevnetNode;
import io.waypost.core.discovery.DiscoveryNode;
import io.waypost.core.discovery.NodeKey;
import io.waypost.core.discovery.dns.EnrTreeUrl;
import io.waypost.core.discovery.dns.SignedTree;
import io.waypost.core.discovery.dns.TreeZone;
import io.waypost.core.discovery.enr.NodeRecords;
import io.waypost.core.discovery.waku.WakuFields;
import io.waypost.core.model.ServiceId;
import io.waypost.core.network.NetworkSession;
import io.waypost.core.trust.TrustVerdict;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * EIP-1459 lists in the console, with NSD from Debian serving the zone. A Waku store node that no
 * discv5 walk can reach is listed in a tree signed by a curator's key; a profile typed into
 * Settings names that tree, and Discovery shows the node TRUSTED, found by "DNS list". The
 * curator's DNS list window then builds the list to publish and shows its difference from the
 * published one; written and served, and a node registered meanwhile, the next build shows exactly
 * that node added, with the old and new sequence numbers.
 */
class DnsListTest {

  private static final String DOMAIN = "mail.lists.test";
  private static final ServiceId MAIL = ServiceId.of("mailserver");

  @TempDir Path dataDir;
  private Nsd nsd;
  private ConsoleFixture console;
  private DiscoveryNode store;

  @BeforeEach
  void open() throws Exception {
    nsd = new Nsd(dataDir.resolve("nsd"), List.of(DOMAIN));
    console =
        new ConsoleFixture(
            new ConsoleContext.Config(dataDir, false, true)
                .withDnsServer(Optional.of(nsd.server())));
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
    console.close();
    nsd.close();
  }

  @Test
  void aProfilesListShowsTrustedNodesAndThePublishDiffShowsANewRegistration() throws Exception {
    Devnet devnet = console.context().devnet().orElseThrow();
    // A Waku store node registered by Status, reachable only through the list (no bootnode).
    NodeKey storeKey = NodeKey.generate(new SecureRandom());
    devnet
        .registry()
        .as(Devnet.accounts().get(1).credentials())
        .registerOwnNode(
            storeKey.ecKeyPair(), MAIL, Clock.systemUTC().instant().getEpochSecond() + 3600)
        .get();
    String host = "127.0.1.23";
    int port;
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(host, 0))) {
      port = socket.getLocalPort();
    }
    store =
        DiscoveryNode.builder()
            .nodeKey(storeKey)
            .bind(host, port)
            .recordField(WakuFields.WAKU2, Bytes.of(0x03))
            .build();
    store.start().join();
    Path curatorKey = dataDir.resolve("curator.key");
    NodeKey curator = NodeKey.loadOrCreate(curatorKey, new SecureRandom());
    SignedTree first =
        SignedTree.build(
            DOMAIN, 1, List.of(NodeRecords.parse(store.localEnr())), List.of(), curator);
    Files.writeString(nsd.txtFile(DOMAIN), TreeZone.zoneFile(first, "the first list"));
    nsd.restart();
    EnrTreeUrl url = new EnrTreeUrl(curator.compressedPublicKey(), DOMAIN);

    // Settings: a profile for the same chain, naming the list and keeping the default map.
    console.navigate("settings");
    console.robot.clickOn("#settings-profile-name").write("listed");
    set("#settings-rpc-url", devnet.profile().rpc().url());
    set("#settings-chain-id", Long.toString(devnet.profile().chainId()));
    set("#settings-registry", devnet.profile().registry().checksummed());
    set("#settings-confirmations", "0");
    set("#settings-bootnodes", String.join("\n", devnet.profile().bootnodes()));
    set("#settings-trusted", Devnet.accounts().get(1).address().checksummed());
    set("#settings-enr-trees", "https://not-a-list.example.org");
    console.clickButton("#settings-save-profile");
    console.waitForText("#settings-profile-error", "node list 'https://not-a-list", 10);
    console.clickButton(".notification-error .notification-close"); // read: dismissed
    set("#settings-enr-trees", url.toString());
    assertEquals(
        "waku2.store=mailserver",
        WaitForAsyncUtils.asyncFx(() -> field("#settings-capability-map").getText()).get());
    console.screenshot("settings-node-lists");
    console.clickButton("#settings-save-profile");
    ConsoleFixture.waitUntil(
        "connected to the profile with the list",
        60,
        () ->
            console
                .context()
                .session()
                .map(s -> s.profile().name().equals("listed"))
                .orElse(false));
    NetworkSession session = console.context().session().orElseThrow();
    assertEquals(List.of(url), session.profile().enrTrees(), "saved and used as typed");

    // Discovery: the listed node, TRUSTED through its waku2 store bit, found by the DNS list.
    console.navigate("discovery");
    String storeId = storeKey.nodeId().toString();
    console.waitForFx(
        "the listed store node is TRUSTED and found by the DNS list",
        90,
        () ->
            rows().stream()
                .anyMatch(
                    r ->
                        r.nodeId().equals(storeId)
                            && r.verdictText().equals("TRUSTED")
                            && r.foundBy().equals("DNS list")));
    console.screenshot("discovery-dns-list");

    // The curator's DNS list window: the tree to publish against the one published now.
    console.navigate("curator");
    console.clickButton("#curator-dns-list");
    set("#dnslist-domain", DOMAIN);
    set("#dnslist-key", curatorKey.toString());
    Path out = dataDir.resolve("published");
    set("#dnslist-out", out.toString());
    console.clickButton("#dnslist-build");
    console.waitForText("#dnslist-summary", "published now: sequence 1 (1 node(s))", 30);
    console.waitForText("#dnslist-summary", "new: sequence 2", 5);
    assertTrue(diff().contains("= unchanged  " + storeId), diff().toString());
    console.clickButton("#dnslist-write");
    console.waitForText("#dnslist-result", "Wrote sequence 2", 10);
    Files.copy(
        out.resolve(DOMAIN + ".zone"), nsd.txtFile(DOMAIN), StandardCopyOption.REPLACE_EXISTING);
    nsd.restart();

    // A provider registers a node the client already sees (untrusted until now).
    DevnetNode newcomer =
        devnet.nodes().stream()
            .filter(n -> n.name().equals("unregistered-mail-1"))
            .findFirst()
            .orElseThrow();
    devnet
        .registry()
        .as(Devnet.accounts().get(1).credentials())
        .registerOwnNode(
            NodeKey.load(newcomer.keyFile()).ecKeyPair(),
            MAIL,
            Clock.systemUTC().instant().getEpochSecond() + 3600)
        .get();
    String newcomerId = newcomer.nodeId().toString();
    ConsoleFixture.waitUntil(
        "the newly registered node verifies TRUSTED",
        120,
        () ->
            session.client(MAIL).orElseThrow().verdicts().stream()
                .anyMatch(
                    v ->
                        v.nodeId().toString().equals(newcomerId)
                            && v.kind() == TrustVerdict.Kind.TRUSTED));

    console.clickButton("#dnslist-build");
    console.waitForText("#dnslist-summary", "published now: sequence 2", 30);
    console.waitForText("#dnslist-summary", "new: sequence 3", 5);
    List<String> diff = diff();
    assertTrue(diff.contains("+ added      " + newcomerId), diff.toString());
    assertTrue(diff.contains("= unchanged  " + storeId), diff.toString());
    assertTrue(diff.stream().noneMatch(l -> l.startsWith("−")), "nothing removed: " + diff);
    console.screenshotWindow("dns-list-diff", "DNS list — Waypost");
  }

  private void set(String query, String text) {
    console.robot.interact(() -> field(query).setText(text));
  }

  private TextInputControl field(String query) {
    return console.robot.lookup(query).queryAs(TextInputControl.class);
  }

  @SuppressWarnings("unchecked")
  private List<PeerRow> rows() {
    return List.copyOf(
        console.robot.lookup("#discovery-table").queryAs(TableView.class).getItems());
  }

  @SuppressWarnings("unchecked")
  private List<String> diff() throws Exception {
    return WaitForAsyncUtils.asyncFx(
            () ->
                List.copyOf(
                    (List<String>)
                        console.robot.lookup("#dnslist-diff").queryAs(ListView.class).getItems()))
        .get();
  }
}
