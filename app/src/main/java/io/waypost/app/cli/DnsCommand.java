package io.waypost.app.cli;

import io.waypost.core.client.ServiceClient;
import io.waypost.core.discovery.NodeKey;
import io.waypost.core.discovery.dns.EnrTreeClient;
import io.waypost.core.discovery.dns.EnrTreeException;
import io.waypost.core.discovery.dns.EnrTreeUrl;
import io.waypost.core.discovery.dns.SignedTree;
import io.waypost.core.discovery.dns.TreeZone;
import io.waypost.core.discovery.enr.NodeAddress;
import io.waypost.core.discovery.enr.NodeRecords;
import io.waypost.core.discovery.peers.PeerSource;
import io.waypost.core.trust.CheckOutcome;
import io.waypost.core.trust.TrustCheck;
import io.waypost.core.trust.TrustVerdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** EIP-1459 node lists: publish the nodes the registry vouches for, signed by a curator's key. */
@Command(
    name = "dns",
    description = "EIP-1459 DNS node lists of registry-verified nodes.",
    subcommands = {DnsCommand.Publish.class, CommandLine.HelpCommand.class})
final class DnsCommand implements Callable<Integer> {

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: publish");
  }

  @Command(
      name = "publish",
      description = {
        "Build a signed EIP-1459 tree of the service's nodes that verify TRUSTED now, and write it"
            + " as a zone file (DOMAIN.zone) and a JSON list of TXT records (DOMAIN.json).",
        "Shows the difference from the tree published at DOMAIN (read over DNS) first; the"
            + " sequence number is always above the published one and the one in OUT.",
        "Unlike discover, it searches for the whole of --seconds, so that no node is left out."
      })
  static final class Publish implements Callable<Integer> {
    /** A publisher wants every node, not a client's few: search fast the whole time. */
    private static final int PUBLISH_MIN_PEERS = 1_000;

    @Spec CommandLine.Model.CommandSpec spec;
    @Mixin NetworkOptions network;
    @Mixin DnsOptions dns;

    @Option(names = "--domain", required = true, description = "The tree's DNS name.")
    String domain;

    @Option(
        names = "--key",
        required = true,
        paramLabel = "FILE",
        description = "The curator's secp256k1 key (hex; owner-only file) that signs the tree.")
    Path keyFile;

    @Option(
        names = "--out",
        defaultValue = ".",
        paramLabel = "DIR",
        description = "Where to write DOMAIN.zone and DOMAIN.json (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(
        names = "--require-probe",
        description =
            "Only nodes that answered a signed probe just now (default: every node the registry"
                + " vouches for, probed or not).")
    boolean requireProbe;

    @Option(names = "--dry-run", description = "Show the difference only; write nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
      PrintWriter stdout = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      List<EnrTreeUrl> inputs = dns.urls(spec);
      EnrTreeClient treeClient = dns.client(spec);
      NodeKey key;
      if (!Files.isRegularFile(keyFile)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--key: no key file at " + keyFile);
      }
      try {
        key = NodeKey.load(keyFile);
      } catch (IOException | RuntimeException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--key: cannot use " + keyFile + ": " + e.getMessage());
      }
      EnrTreeUrl url;
      try {
        url = EnrTreeUrl.parse(new SignedTreeUrlText(key, domain).text());
      } catch (EnrTreeException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--domain: " + e.getMessage());
      }

      // What is published now, and the highest sequence number seen anywhere.
      Map<String, String> published = new LinkedHashMap<>();
      long seq = lastWrittenSeq(url).orElse(0L);
      try {
        EnrTreeClient.Tree current = treeClient.sync(url).trees().get(0);
        current.nodes().forEach(n -> published.put(n.nodeId().toString(), n.text()));
        seq = Math.max(seq, current.seq());
      } catch (EnrTreeException e) {
        err.println("waypost: no usable tree published at " + domain + " yet: " + e.getMessage());
      }

      List<NodeAddress> nodes = new ArrayList<>();
      try (ClientRuntime runtime =
          ClientRuntime.open(network, network.service, PUBLISH_MIN_PEERS)) {
        for (EnrTreeUrl input : inputs) {
          try {
            treeClient
                .sync(input)
                .nodes()
                .forEach(n -> runtime.client.offer(n, PeerSource.DNS_TREE));
          } catch (EnrTreeException e) {
            err.println("waypost: " + e.getMessage());
          }
        }
        // A list is published for a while: search the whole time for every node, not just enough.
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(network.seconds).toNanos();
        runtime.discover(network.seconds, ClientRuntime.Enough.PROBED);
        while (System.nanoTime() < deadline
            || !runtime.client.known().stream().allMatch(k -> k.liveness().probed())) {
          if (System.nanoTime() > deadline + java.time.Duration.ofSeconds(10).toNanos()) {
            break; // a node that never answers a probe is not waited for forever
          }
          Thread.sleep(200);
        }
        for (TrustVerdict verdict : runtime.client.verdicts()) {
          if (publishable(verdict)) {
            ServiceClient.KnownNode known = runtime.client.known(verdict.nodeId()).orElseThrow();
            nodes.add(NodeRecords.describe(known.record()));
          }
        }
      }
      Set<String> now = new TreeSet<>();
      nodes.forEach(n -> now.add(n.nodeId().toString()));
      List<String> added = now.stream().filter(id -> !published.containsKey(id)).toList();
      List<String> removed = published.keySet().stream().filter(id -> !now.contains(id)).toList();
      SignedTree tree = SignedTree.build(url.domain(), seq + 1, nodes, List.of(), key);
      Path zone = out.resolve(url.domain() + ".zone");
      Path json = out.resolve(url.domain() + ".json");
      if (!dryRun) {
        write(
            zone,
            TreeZone.zoneFile(
                tree,
                "EIP-1459 tree of "
                    + network.service
                    + " nodes the registry vouches for.\n"
                    + "Written by waypost dns publish; "
                    + url));
        write(json, TreeZone.json(tree));
      }
      if (network.json) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("url", url.toString());
        result.put("seq", tree.root().seq());
        result.put("nodes", new ArrayList<>(now));
        result.put("added", added);
        result.put("removed", removed);
        result.put("written", !dryRun);
        result.put("zoneFile", zone.toString());
        result.put("records", json.toString());
        stdout.println(Json.write(result));
      } else {
        stdout.println(
            "Tree " + url + ": " + now.size() + " node(s), sequence number " + tree.root().seq());
        added.forEach(id -> stdout.println("  + " + id));
        removed.forEach(id -> stdout.println("  - " + id));
        stdout.println(
            "  "
                + (now.size() - added.size())
                + " unchanged, "
                + added.size()
                + " added, "
                + removed.size()
                + " removed");
        stdout.println(
            dryRun ? "Dry run: nothing written." : "Wrote " + zone + " and " + json + ".");
      }
      stdout.flush();
      return 0;
    }

    private boolean publishable(TrustVerdict verdict) {
      if (verdict.kind() == TrustVerdict.Kind.TRUSTED) {
        return true;
      }
      return !requireProbe
          && verdict.checks().stream()
              .filter(c -> c.check() != TrustCheck.ALIVE)
              .allMatch(CheckOutcome::passed);
    }

    /** The sequence number of the tree last written to OUT, if any. */
    private Optional<Long> lastWrittenSeq(EnrTreeUrl url) throws IOException {
      Path zone = out.resolve(url.domain() + ".zone");
      if (!Files.exists(zone)) {
        return Optional.empty();
      }
      Matcher m = SEQ.matcher(Files.readString(zone));
      return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }

    private static final Pattern SEQ = Pattern.compile("enrtree-root:v1 [^\"]* seq=(\\d+)");

    /** Writes whole or not at all: a temporary file moved into place. */
    private static void write(Path file, String text) throws IOException {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** The enrtree URL text for a key and a domain, to be checked by the parser. */
  private record SignedTreeUrlText(NodeKey key, String domain) {
    String text() {
      return new EnrTreeUrl(key.compressedPublicKey(), "x").toString().replace("@x", "@" + domain);
    }
  }
}
