package io.waypost.app.cli;

import io.waypost.core.discovery.DiscoveryNode;
import io.waypost.core.discovery.NodeLookup;
import io.waypost.core.discovery.enr.NodeAddress;
import io.waypost.core.discovery.enr.NodeRecords;
import io.waypost.core.index.IndexedEvent;
import io.waypost.core.model.NodeId;
import io.waypost.core.model.ServiceId;
import io.waypost.core.registry.NodeRecord;
import io.waypost.core.registry.ProviderRecord;
import io.waypost.core.registry.Verification;
import java.io.PrintWriter;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Read-only commands for support staff: who is registered, one node's story, is it alive. */
final class SupportCommands {

  private SupportCommands() {}

  @Command(name = "providers", description = "Every provider the registry holds, with its status.")
  static final class Providers implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ChainOptions chain;

    @Option(names = "--json", description = "Print the list as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      try (ChainContext context = ChainContext.open(chain)) {
        List<ProviderRecord> providers = context.providers();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          out.println(Json.write(providers.stream().map(CuratorCommands::json).toList()));
        } else {
          providers.forEach(
              p ->
                  out.printf(
                      "%s  %-9s %s  %s%n",
                      p.address().checksummed(), p.status(), p.name(), p.metadataUri()));
        }
        return 0;
      }
    }
  }

  @Command(
      name = "node",
      description = "One node as the registry holds it: provider, services, verdicts, history.")
  static final class Node implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ChainOptions chain;

    @Parameters(index = "0", paramLabel = "NODE_ID", description = "The node's id (0x + 64 hex).")
    String node;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      NodeId id = ProviderCommands.nodeId(spec, node);
      try (ChainContext context = ChainContext.open(chain)) {
        NodeRecord record = context.registry().node(id).get();
        Map<ServiceId, String> names =
            context.registry().services().get().stream()
                .collect(
                    java.util.stream.Collectors.toMap(s -> s.id(), s -> s.name(), (a, b) -> a));
        List<Map<String, Object>> services = new ArrayList<>();
        for (ServiceId service : record.services()) {
          Verification v = context.registry().verify(id, service).get();
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("service", names.getOrDefault(service, service.toString()));
          row.put("trusted", v.trusted());
          row.put("providerStatus", v.providerStatus().name());
          services.add(row);
        }
        context.session().indexer().syncOnce();
        List<Map<String, Object>> history = new ArrayList<>();
        for (IndexedEvent e : context.session().view().nodeHistory(id, record.provider(), 20)) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("block", e.blockNumber());
          row.put("time", e.timestamp().toString());
          row.put("event", e.name());
          row.put("transactionHash", e.txHash());
          history.add(row);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("nodeId", id.toString());
        result.put("provider", record.provider().map(a -> a.checksummed()).orElse(null));
        result.put("nonce", record.nonce());
        result.put("services", services);
        result.put("history", history);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          out.println(Json.write(result));
        } else {
          out.println("node      " + id);
          out.println(
              "provider  "
                  + record.provider().map(a -> a.checksummed()).orElse("none (not registered)"));
          out.println("nonce     " + record.nonce());
          services.forEach(
              s ->
                  out.printf(
                      "service   %-18s %s (provider %s)%n",
                      s.get("service"),
                      (Boolean) s.get("trusted") ? "TRUSTED" : "UNTRUSTED",
                      s.get("providerStatus")));
          history.forEach(
              h ->
                  out.printf(
                      "  block %-8s %s  %s%n", h.get("block"), h.get("time"), h.get("event")));
        }
        return record.provider().isPresent() ? 0 : 1;
      }
    }
  }

  @Command(
      name = "ping",
      description =
          "PING a node over discv5 and ask it to sign a fresh challenge with its node key: is it"
              + " alive, and is it who its record says.")
  static final class Ping implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        paramLabel = "RECORD",
        converter = Values.RecordValue.class,
        description = "The node: enr:... or enode://...")
    String record;

    @Mixin OneShot.NodeOptions discovery;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      NodeAddress address = NodeRecords.parse(record);
      org.ethereum.beacon.discovery.schema.NodeRecord target =
          address.isEnr() ? NodeRecords.parseEnr(record) : NodeRecords.unsignedRecord(address);
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("nodeId", address.nodeId().toString());
      int code = 0;
      int timeout = discovery.timeout;
      DiscoveryNode self = discovery.start(List.of());
      try {
        try {
          Duration rtt = self.ping(target).get(timeout + 1L, TimeUnit.SECONDS);
          result.put("pong", true);
          result.put("rttMillis", rtt.toMillis());
        } catch (Exception e) {
          result.put("pong", false);
          result.put("error", Errors.describe(e));
          code = 1;
        }
        if (code == 0) {
          try {
            long start = System.nanoTime();
            self.probe(target).get(timeout + 1L, TimeUnit.SECONDS);
            result.put("signedProbe", true);
            result.put("probeMillis", (System.nanoTime() - start) / 1_000_000);
          } catch (Exception e) {
            result.put("signedProbe", false);
            result.put("error", "no signed answer: " + Errors.describe(e));
            code = 1;
          }
        }
      } finally {
        OneShot.close(self);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(Json.write(result));
      } else {
        out.println(
            result.get("nodeId")
                + ((Boolean) result.get("pong")
                    ? "  PONG in " + result.get("rttMillis") + " ms"
                    : "  no PONG")
                + (Boolean.TRUE.equals(result.get("signedProbe"))
                    ? ", signed probe answered in " + result.get("probeMillis") + " ms"
                    : "")
                + (result.containsKey("error") ? "  (" + result.get("error") + ")" : ""));
      }
      return code;
    }
  }

  @Command(
      name = "resolve",
      description =
          "Find a node's current record by its id through the discovery network's DHT (FINDNODE"
              + " lookups towards the id, then the node's own answer for its newest record).")
  static final class Resolve implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NODE_ID", description = "The node's id (0x + 64 hex).")
    String node;

    @Option(
        names = "--bootnode",
        defaultValue = "${env:WAYPOST_BOOTNODE}",
        paramLabel = "RECORD",
        split = ",",
        converter = Values.RecordValue.class,
        description =
            "Where to enter the network, enr:... or enode://... (repeatable; env WAYPOST_BOOTNODE)."
                + " Added to the network profile's.")
    List<String> bootnodes = new ArrayList<>();

    @Option(
        names = "--network",
        defaultValue = "${env:WAYPOST_NETWORK}",
        paramLabel = "NAME",
        description = "Use a saved network profile's bootnodes (env WAYPOST_NETWORK).")
    String network;

    @Option(
        names = "--data-dir",
        defaultValue = "${env:WAYPOST_DATA_DIR}",
        paramLabel = "DIR",
        description = "Data directory holding the profiles (env WAYPOST_DATA_DIR).")
    java.nio.file.Path dataDir;

    @Mixin OneShot.NodeOptions discovery;

    @Option(
        names = "--max-requests",
        defaultValue = "64",
        paramLabel = "N",
        converter = Values.PositiveIntValue.class,
        description = "FINDNODE requests to spend at most before saying the node is not found.")
    int maxRequests;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      NodeId id = ProviderCommands.nodeId(spec, node);
      List<String> entries = new ArrayList<>(profileBootnodes());
      bootnodes.stream().filter(b -> !entries.contains(b)).forEach(entries::add);
      if (entries.isEmpty()) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(),
            "say where to enter the network: --bootnode enr:... (or WAYPOST_BOOTNODE), or"
                + " --network NAME with bootnodes");
      }
      NodeLookup.Result result;
      DiscoveryNode self = discovery.start(entries);
      try {
        result =
            self.resolve(id, maxRequests)
                .get(discovery.timeout * (long) maxRequests, TimeUnit.SECONDS);
      } finally {
        OneShot.close(self);
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("nodeId", id.toString());
      out.put("found", result.record().isPresent());
      result
          .record()
          .ifPresent(
              r -> {
                NodeAddress address = NodeRecords.describe(r);
                out.put("enr", r.asEnr());
                out.put("seq", address.seq());
                out.put("udp", address.udp().map(SupportCommands::hostPort).orElse(null));
                out.put("tcp", address.tcp().map(SupportCommands::hostPort).orElse(null));
              });
      out.put("nodesAsked", result.nodesAsked());
      out.put("requests", result.requests());
      out.put("millis", result.took().toMillis());
      PrintWriter writer = spec.commandLine().getOut();
      if (json) {
        out.values().removeIf(java.util.Objects::isNull);
        writer.println(Json.write(out));
      } else if (result.record().isPresent()) {
        writer.printf(
            "%s found (seq %s) after asking %d node(s), %d request(s), %d ms%n%s%n",
            id,
            out.get("seq"),
            result.nodesAsked(),
            result.requests(),
            result.took().toMillis(),
            out.get("enr"));
      } else {
        writer.printf(
            "%s not found: asked %d node(s), %d request(s), %d ms; the node may be offline, or"
                + " not part of this network%n",
            id, result.nodesAsked(), result.requests(), result.took().toMillis());
      }
      return result.record().isPresent() ? 0 : 1;
    }

    private List<String> profileBootnodes() {
      if (network == null) {
        return List.of();
      }
      java.nio.file.Path store =
          io.waypost.core.store.DataDirectory.resolve(java.util.Optional.ofNullable(dataDir))
              .resolve("waypost.db");
      java.util.Optional<io.waypost.core.network.NetworkProfile> profile =
          java.util.Optional.empty();
      if (java.nio.file.Files.exists(store)) {
        try (io.waypost.core.store.Database database = io.waypost.core.store.Database.open(store)) {
          profile =
              new io.waypost.core.network.NetworkProfiles(database, java.time.Clock.systemUTC())
                  .find(network);
        }
      }
      return profile
          .map(io.waypost.core.network.NetworkProfile::bootnodes)
          .orElseThrow(
              () ->
                  new picocli.CommandLine.ParameterException(
                      spec.commandLine(),
                      "--network: no saved network named '"
                          + network
                          + "' (see `waypost network list`)"));
    }
  }

  private static String hostPort(InetSocketAddress address) {
    return address.getAddress().getHostAddress() + ":" + address.getPort();
  }

  static int freePort(String host) throws Exception {
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(host, 0))) {
      return socket.getLocalPort();
    }
  }
}
