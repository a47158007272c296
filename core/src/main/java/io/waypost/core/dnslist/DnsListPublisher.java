package io.waypost.core.dnslist;

import io.waypost.core.client.ServiceClient;
import io.waypost.core.discovery.NodeKey;
import io.waypost.core.discovery.dns.EnrTreeClient;
import io.waypost.core.discovery.dns.EnrTreeException;
import io.waypost.core.discovery.dns.EnrTreeUrl;
import io.waypost.core.discovery.dns.SignedTree;
import io.waypost.core.discovery.dns.TreeZone;
import io.waypost.core.discovery.enr.NodeAddress;
import io.waypost.core.discovery.enr.NodeRecords;
import io.waypost.core.trust.CheckOutcome;
import io.waypost.core.trust.TrustCheck;
import io.waypost.core.trust.TrustVerdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Publishes a service's registry-verified nodes as an EIP-1459 tree signed by a curator's key: what
 * {@code waypost dns publish} and the console's DNS list dialog both do. {@link #plan} reads the
 * tree published now (over DNS), builds the new one with a sequence number above both the published
 * one and the one last written, and says which nodes it adds, removes and keeps; {@link #write}
 * writes the zone file and the TXT records' JSON, each whole or not at all.
 */
public final class DnsListPublisher {

  /**
   * A tree ready to write, and how it differs from the published one.
   *
   * @param published the sequence number of the tree published at the domain now, if one is
   * @param publishedProblem why no published tree could be read, if none could
   * @param added node ids (0x hex) in the new tree but not the published one; likewise the others
   */
  public record Plan(
      EnrTreeUrl url,
      String service,
      OptionalLong published,
      Optional<String> publishedProblem,
      SignedTree tree,
      List<NodeAddress> nodes,
      List<String> added,
      List<String> removed,
      List<String> unchanged) {
    public Plan {
      nodes = List.copyOf(nodes);
      added = List.copyOf(added);
      removed = List.copyOf(removed);
      unchanged = List.copyOf(unchanged);
    }

    public long seq() {
      return tree.root().seq();
    }
  }

  /** Where a plan was written. */
  public record Written(Path zoneFile, Path records) {}

  private static final Pattern SEQ = Pattern.compile("enrtree-root:v1 [^\"]* seq=(\\d+)");

  private final EnrTreeClient reader;
  private final NodeKey key;
  private final Path outDir;

  /**
   * @param reader reads the tree published now
   * @param key the curator's key, which signs the tree
   * @param outDir where DOMAIN.zone and DOMAIN.json are written (and the last one is read back)
   */
  public DnsListPublisher(EnrTreeClient reader, NodeKey key, Path outDir) {
    this.reader = reader;
    this.key = key;
    this.outDir = outDir;
  }

  /**
   * The tree's URL for a domain: this publisher's key at it.
   *
   * @throws EnrTreeException if the domain is not a DNS name
   */
  public EnrTreeUrl url(String domain) throws EnrTreeException {
    return EnrTreeUrl.parse(
        new EnrTreeUrl(key.compressedPublicKey(), "x").toString().replace("@x", "@" + domain));
  }

  /**
   * The nodes a client knows that may be published: those that verify TRUSTED, and unless {@code
   * requireProbe}, also those that pass every check but liveness (registered, approved, trusted,
   * advertising, just not probed yet).
   */
  public static List<NodeAddress> publishable(ServiceClient client, boolean requireProbe) {
    List<NodeAddress> nodes = new ArrayList<>();
    for (TrustVerdict verdict : client.verdicts()) {
      boolean ok =
          verdict.kind() == TrustVerdict.Kind.TRUSTED
              || (!requireProbe
                  && verdict.checks().stream()
                      .filter(c -> c.check() != TrustCheck.ALIVE)
                      .allMatch(CheckOutcome::passed));
      if (ok) {
        client.known(verdict.nodeId()).ifPresent(k -> nodes.add(NodeRecords.describe(k.record())));
      }
    }
    return nodes;
  }

  /**
   * Builds the tree of {@code nodes} for {@code domain} and compares it with the one published
   * there now.
   *
   * @throws EnrTreeException if the domain is not a DNS name
   * @throws IOException if the last written zone file cannot be read
   */
  public Plan plan(String domain, String service, List<NodeAddress> nodes)
      throws EnrTreeException, IOException {
    EnrTreeUrl url = url(domain);
    Map<String, NodeAddress> published = new LinkedHashMap<>();
    OptionalLong publishedSeq = OptionalLong.empty();
    Optional<String> problem = Optional.empty();
    try {
      EnrTreeClient.Tree current = reader.sync(url).trees().get(0);
      current.nodes().forEach(n -> published.put(n.nodeId().toString(), n));
      publishedSeq = OptionalLong.of(current.seq());
    } catch (EnrTreeException e) {
      problem = Optional.of(e.getMessage());
    }
    long seq = Math.max(lastWrittenSeq(url).orElse(0L), publishedSeq.orElse(0L)) + 1;
    Set<String> now = new TreeSet<>();
    nodes.forEach(n -> now.add(n.nodeId().toString()));
    List<String> added = now.stream().filter(id -> !published.containsKey(id)).toList();
    List<String> unchanged = now.stream().filter(published::containsKey).toList();
    List<String> removed =
        published.keySet().stream().filter(id -> !now.contains(id)).sorted().toList();
    SignedTree tree = SignedTree.build(url.domain(), seq, nodes, List.of(), key);
    return new Plan(url, service, publishedSeq, problem, tree, nodes, added, removed, unchanged);
  }

  /**
   * Writes the plan's zone file and TXT records, each through a temporary file moved into place.
   */
  public Written write(Plan plan) throws IOException {
    Path zone = zoneFile(plan.url());
    Path json = outDir.resolve(plan.url().domain() + ".json");
    writeWhole(
        zone,
        TreeZone.zoneFile(
            plan.tree(),
            "EIP-1459 tree of "
                + plan.service()
                + " nodes the registry vouches for.\n"
                + "Written by Waypost; "
                + plan.url()));
    writeWhole(json, TreeZone.json(plan.tree()));
    return new Written(zone, json);
  }

  /** Where the zone file of a tree goes. */
  public Path zoneFile(EnrTreeUrl url) {
    return outDir.resolve(url.domain() + ".zone");
  }

  /** The sequence number of the tree last written to the output folder, if any. */
  private Optional<Long> lastWrittenSeq(EnrTreeUrl url) throws IOException {
    Path zone = zoneFile(url);
    if (!Files.exists(zone)) {
      return Optional.empty();
    }
    Matcher m = SEQ.matcher(Files.readString(zone));
    return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
  }

  private static void writeWhole(Path file, String text) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
