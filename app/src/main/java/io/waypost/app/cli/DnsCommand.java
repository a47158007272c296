package io.waypost.app.cli;

import io.waypost.core.discovery.NodeKey;
import io.waypost.core.discovery.dns.EnrTreeException;
import io.waypost.core.discovery.enr.NodeAddress;
import io.waypost.core.dnslist.DnsListPublisher;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
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
      DnsListPublisher publisher = new DnsListPublisher(network.dns.client(spec), key, out);
      try {
        publisher.url(domain);
      } catch (EnrTreeException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--domain: " + e.getMessage());
      }

      List<NodeAddress> nodes;
      try (ClientRuntime runtime =
          ClientRuntime.open(network, network.service, PUBLISH_MIN_PEERS)) {
        runtime.session.dnsTrees().firstReading().get().stream()
            .flatMap(r -> r.problem().stream())
            .forEach(why -> err.println("waypost: " + why));
        // A list is published for a while: search the whole time for every node, not just enough.
        Thread.sleep(java.time.Duration.ofSeconds(network.seconds).toMillis());
        // Then let the probes of the nodes found in that time finish (a publisher keeps searching
        // fast, so some node is always just found: waiting for all of them never ends).
        java.util.Set<io.waypost.core.model.NodeId> found =
            runtime.client.known().stream()
                .map(io.waypost.core.client.ServiceClient.KnownNode::nodeId)
                .collect(java.util.stream.Collectors.toSet());
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline
            && runtime.client.known().stream()
                .anyMatch(k -> found.contains(k.nodeId()) && !k.liveness().probed())) {
          Thread.sleep(200); // a node that never answers a probe is not waited for forever
        }
        nodes = DnsListPublisher.publishable(runtime.client, requireProbe);
      }
      DnsListPublisher.Plan plan = publisher.plan(domain, network.service, nodes);
      plan.publishedProblem()
          .ifPresent(
              why ->
                  err.println("waypost: no usable tree published at " + domain + " yet: " + why));
      Path zone = publisher.zoneFile(plan.url());
      Path json = out.resolve(plan.url().domain() + ".json");
      if (!dryRun) {
        publisher.write(plan);
      }
      List<String> all = plan.nodes().stream().map(n -> n.nodeId().toString()).sorted().toList();
      if (network.json) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("url", plan.url().toString());
        result.put("seq", plan.seq());
        result.put(
            "publishedSeq", plan.published().isPresent() ? plan.published().getAsLong() : null);
        result.put("nodes", all);
        result.put("added", plan.added());
        result.put("removed", plan.removed());
        result.put("written", !dryRun);
        result.put("zoneFile", zone.toString());
        result.put("records", json.toString());
        stdout.println(Json.write(result));
      } else {
        stdout.println(
            "Tree " + plan.url() + ": " + all.size() + " node(s), sequence number " + plan.seq());
        plan.added().forEach(id -> stdout.println("  + " + id));
        plan.removed().forEach(id -> stdout.println("  - " + id));
        stdout.println(
            "  "
                + plan.unchanged().size()
                + " unchanged, "
                + plan.added().size()
                + " added, "
                + plan.removed().size()
                + " removed");
        stdout.println(
            dryRun ? "Dry run: nothing written." : "Wrote " + zone + " and " + json + ".");
      }
      stdout.flush();
      return 0;
    }
  }
}
