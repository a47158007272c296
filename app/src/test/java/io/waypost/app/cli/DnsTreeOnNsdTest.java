package io.waypost.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.core.devnet.Devnet;
import io.waypost.core.devnet.DevnetDiscovery;
import io.waypost.core.devnet.FoundryToolchain;
import io.waypost.core.discovery.DiscoveryNode;
import io.waypost.core.discovery.NodeKey;
import io.waypost.core.discovery.dns.EnrTreeUrl;
import io.waypost.core.discovery.dns.SignedTree;
import io.waypost.core.discovery.dns.TreeEntry;
import io.waypost.core.discovery.dns.TreeZone;
import io.waypost.core.discovery.enr.NodeAddress;
import io.waypost.core.discovery.enr.NodeRecords;
import io.waypost.core.discovery.waku.WakuFields;
import io.waypost.core.model.ServiceId;
import io.waypost.core.store.Database;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * EIP-1459 with real parts: `waypost dns publish` writes the tree of the devnet's trusted mail
 * servers (three Status nodes and a Waku store node, which advertises only its waku2 store bit);
 * NSD from Debian serves that zone on a loopback port; `waypost discover --enrtree` against it
 * finds exactly those nodes, each TRUSTED. A tree signed by another key, one with a tampered record
 * and one whose branch reaches an entry twice are each refused with their reason.
 */
@Timeout(300)
class DnsTreeOnNsdTest {

  static final String DOMAIN = "mail.waypost.test";
  static final Pattern NODE =
      Pattern.compile("\"nodeId\":\"(0x[0-9a-f]{64})\",\"verdict\":\"(\\w+)\"");

  @TempDir static Path dir;
  private static ExecutorService executor;
  private static Database database;
  private static Devnet devnet;
  private static DevnetDiscovery network;
  private static DiscoveryNode wakuStore;
  private static Nsd nsd;

  @BeforeAll
  static void start() throws Exception {
    executor = Executors.newVirtualThreadPerTaskExecutor();
    database = Database.open(dir.resolve("devnet.db"));
    devnet =
        Devnet.start(
            new Devnet.Options(dir, false, FoundryToolchain.locate().anvil()),
            database,
            executor,
            Clock.systemUTC());
    network = DevnetDiscovery.start(devnet.nodes(), Clock.systemUTC());
    NodeKey wakuKey = NodeKey.generate(new SecureRandom());
    devnet
        .registry()
        .as(Devnet.accounts().get(1).credentials())
        .registerOwnNode(
            wakuKey.ecKeyPair(),
            ServiceId.of("mailserver"),
            Clock.systemUTC().instant().getEpochSecond() + 3600)
        .get();
    // The CLI indexes a network's registry 2 blocks behind its head (reorg safety): bury the
    // registration.
    HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(devnet.profile().rpc().toString()))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"anvil_mine\",\"params\":[\"0x3\"]}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    // Its own loopback address: the devnet's nodes use 127.0.0.2 and up, the CLI 127.0.0.1.
    String host = "127.0.1.17";
    int port;
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(host, 0))) {
      port = socket.getLocalPort();
    }
    wakuStore =
        DiscoveryNode.builder()
            .nodeKey(wakuKey)
            .bind(host, port)
            .bootnode(network.bootnode())
            .recordField(WakuFields.WAKU2, Bytes.of(0x03))
            .requestTimeout(Duration.ofMillis(1500))
            .recursiveLookupInterval(Duration.ofSeconds(2))
            .build();
    wakuStore.start().join();
    // Published lists are built from what discovery finds: let the store node be known around.
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (wakuStore.knownNodes().count() < 8 && System.nanoTime() < deadline) {
      Thread.sleep(200); // a poll of the node's table; nothing is pushed when it learns a node
    }
    nsd =
        new Nsd(
            dir.resolve("nsd"),
            List.of(DOMAIN, "forged.waypost.test", "tampered.waypost.test", "loop.waypost.test"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (nsd != null) {
      nsd.close();
    }
    if (wakuStore != null) {
      wakuStore.close();
    }
    network.close();
    devnet.close();
    database.close();
    executor.shutdownNow();
  }

  @Test
  void publishedTreeServedByNsdYieldsExactlyTheTrustedNodes() throws Exception {
    Path curatorKey = dir.resolve("curator.key");
    NodeKey curator = NodeKey.loadOrCreate(curatorKey, new SecureRandom());
    Path zones = dir.resolve("zones");
    Set<String> trusted = new TreeSet<>();
    for (String name : List.of("status-mail-1", "status-mail-2", "status-mail-3")) {
      trusted.add(network.nodes().get(name).localRecord().getNodeId().toHexString());
    }
    trusted.add(wakuStore.localRecord().getNodeId().toHexString());

    Result first = publish(curatorKey, zones, "--seconds", "30");
    assertEquals(0, first.code, first.all());
    assertTrue(first.out.contains("4 node(s), sequence number 1"), trusted + "\n" + first.all());
    assertTrue(first.out.contains("0 unchanged, 4 added, 0 removed"), first.all());
    for (String id : trusted) {
      assertTrue(first.out.contains("+ " + id), id + " published: " + first.all());
    }
    Files.copy(
        zones.resolve(DOMAIN + ".zone"),
        nsd.txtFile(DOMAIN),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    String records = Files.readString(zones.resolve(DOMAIN + ".json"));
    assertTrue(records.contains("\"name\": \"" + DOMAIN + "\", \"type\": \"TXT\", \"ttl\": 60"));
    nsd.restart();

    // A saved network whose profile holds the list: what the client sees through NSD is those
    // four nodes, each TRUSTED, and nothing else (the profile names no bootnode).
    EnrTreeUrl url = new EnrTreeUrl(curator.compressedPublicKey(), DOMAIN);
    Result saved = run("network", "add", "listed", "--enrtree", url.toString(), "--json");
    assertEquals(0, saved.code, saved.all());
    assertTrue(saved.out.contains("\"enrTrees\":[\"" + url + "\"]"), saved.all());
    assertTrue(saved.out.contains("\"capabilityMap\":\"waku2.store=mailserver\""), saved.all());
    Result discover =
        run(
            "discover",
            "--network",
            "listed",
            "--service",
            "mailserver",
            "--json",
            "--seconds",
            "30",
            "--dns-server",
            nsd.server());
    assertEquals(0, discover.code, discover.all());
    Matcher m = NODE.matcher(discover.out);
    Set<String> found = new TreeSet<>();
    while (m.find()) {
      assertEquals("TRUSTED", m.group(2), discover.all());
      found.add(m.group(1));
    }
    assertEquals(trusted, found, discover.all());
    assertTrue(discover.out.contains("Waku capability mapped to mailserver"), discover.all());
    Result select =
        run(
            "select",
            "--network",
            "listed",
            "--service",
            "mailserver",
            "--json",
            "--dns-server",
            nsd.server());
    assertEquals(0, select.code, select.all());
    Matcher chosen = Pattern.compile("\"nodeId\":\"(0x[0-9a-f]{64})\"").matcher(select.out);
    assertTrue(chosen.find() && trusted.contains(chosen.group(1)), select.all());

    // The profile's capability map is the one used: mapping nothing, the store node's record
    // advertises no mail service.
    Result bare =
        run("network", "add", "bare", "--enrtree", url.toString(), "--capability-map", "");
    assertEquals(0, bare.code, bare.all());
    Result verify =
        run(
            "verify",
            "--network",
            "bare",
            "--service",
            "mailserver",
            "--dns-server",
            nsd.server(),
            wakuStore.localEnr());
    assertEquals(1, verify.code, verify.all());
    assertTrue(verify.out.contains("does not advertise mailserver"), verify.all());
    Result badFlag = run("network", "add", "odd", "--capability-map", "waku2.swim=mailserver");
    assertEquals(2, badFlag.code, badFlag.all());
    assertTrue(badFlag.err.contains("--capability-map"), badFlag.all());

    // Publishing again: the published tree is read back, nothing changed, the number grows. The
    // candidates come from the published list itself (re-verified against the registry), so a
    // short search is enough: a second discv5 search would cost 30 s for what the first showed.
    Result again =
        publish(
            curatorKey,
            zones,
            "--dry-run",
            "--seconds",
            "5",
            "--enrtree",
            url.toString(),
            "--dns-server",
            nsd.server());
    assertEquals(0, again.code, again.all());
    assertTrue(again.out.contains("sequence number 2"), again.all());
    assertTrue(again.out.contains("4 unchanged, 0 added, 0 removed"), again.all());

    // Bad trees, each served by NSD and refused with its reason.
    List<NodeAddress> nodes = new ArrayList<>();
    for (String text : zoneRecords(Files.readString(zones.resolve(DOMAIN + ".zone")))) {
      nodes.add(NodeRecords.parse(text));
    }
    NodeKey stranger = NodeKey.generate(new SecureRandom());
    serve(
        "forged.waypost.test",
        SignedTree.build("forged.waypost.test", 9, nodes, List.of(), stranger));
    SignedTree honest = SignedTree.build("tampered.waypost.test", 9, nodes, List.of(), curator);
    String zone = TreeZone.zoneFile(honest, "tampered");
    String original = nodes.get(0).text();
    String other = network.nodes().get("nimbus-mail-1").localEnr();
    Files.writeString(
        nsd.txtFile("tampered.waypost.test"), zone.replace(quoted(original), quoted(other)));
    Files.writeString(
        nsd.txtFile("loop.waypost.test"), loopingZone("loop.waypost.test", nodes.get(0), curator));
    nsd.restart();

    assertRefused(
        new EnrTreeUrl(curator.compressedPublicKey(), "forged.waypost.test"),
        "not signed by the key in");
    assertRefused(
        new EnrTreeUrl(curator.compressedPublicKey(), "tampered.waypost.test"),
        "does not match its hash");
    assertRefused(
        new EnrTreeUrl(curator.compressedPublicKey(), "loop.waypost.test"),
        "is reached twice: the tree has a loop");
  }

  private static void assertRefused(EnrTreeUrl url, String reason) {
    Result r =
        run(
            "discover",
            "--service",
            "mailserver",
            "--seconds",
            "5",
            "--enrtree",
            url.toString(),
            "--dns-server",
            nsd.server());
    assertEquals(1, r.code, r.all());
    assertTrue(r.err.contains("tree at " + url.domain() + " is refused"), r.all());
    assertTrue(r.err.contains(reason), r.all());
  }

  private static void serve(String zone, SignedTree tree) throws Exception {
    Files.writeString(nsd.txtFile(zone), TreeZone.zoneFile(tree, zone));
  }

  /** A signed root whose node subtree's top branch reaches one record directly and via a child. */
  private static String loopingZone(String domain, NodeAddress node, NodeKey key) {
    String leaf = TreeEntry.hash(node.text());
    String inner = new TreeEntry.Branch(List.of(leaf)).text();
    String top = new TreeEntry.Branch(List.of(TreeEntry.hash(inner), leaf)).text();
    String empty = new TreeEntry.Branch(List.of()).text();
    TreeEntry.Root root = SignedTree.signRoot(TreeEntry.hash(top), TreeEntry.hash(empty), 1, key);
    StringBuilder out = new StringBuilder("$ORIGIN " + domain + ".\n");
    out.append("@ 60 IN TXT ").append(quoted(root.text())).append('\n');
    for (String text : List.of(top, inner, node.text(), empty)) {
      out.append(TreeEntry.hash(text)).append(" 60 IN TXT ").append(quoted(text)).append('\n');
    }
    return out.toString();
  }

  /** The zone file's node records, their 255-character strings joined again. */
  private static List<String> zoneRecords(String zone) {
    List<String> out = new ArrayList<>();
    for (String line : zone.split("\n")) {
      if (line.contains("\"enr:")) {
        out.add(line.substring(line.indexOf('"')).replace("\" \"", "").replace("\"", "").strip());
      }
    }
    return out;
  }

  private static String quoted(String text) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < text.length(); i += 255) {
      parts.add("\"" + text.substring(i, Math.min(text.length(), i + 255)) + "\"");
    }
    return String.join(" ", parts);
  }

  private static Result publish(Path key, Path out, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "dns",
                "publish",
                "--service",
                "mailserver",
                "--domain",
                DOMAIN,
                "--key",
                key.toString(),
                "--out",
                out.toString(),
                "--bootnode",
                network.bootnodeEnr()));
    if (!List.of(extra).contains("--dns-server")) {
      args.addAll(List.of("--dns-server", nsd.server()));
    }
    args.addAll(List.of(extra));
    return run(args.toArray(String[]::new));
  }

  private record Result(int code, String out, String err) {
    String all() {
      return "exit " + code + "\n" + out + "\n" + err;
    }
  }

  private static Result run(String... command) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(
        List.of(
            "--rpc", devnet.profile().rpc().toString(),
            "--chain-id", "31337",
            "--registry", devnet.profile().registry().value(),
            "--data-dir", dir.resolve("cli").toString()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = WaypostCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }
}
