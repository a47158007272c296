package io.waypost.app.cli;

import io.waypost.core.discovery.enr.CapabilityMap;
import io.waypost.core.discovery.enr.InvalidRecordException;
import io.waypost.core.discovery.enr.NodeAddress;
import io.waypost.core.discovery.enr.NodeRecords;
import io.waypost.core.discovery.enr.ServiceEntry;
import io.waypost.core.discovery.topic.TopDiscCapability;
import io.waypost.core.discovery.waku.WakuFields;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.tuweni.bytes.Bytes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Decodes and checks a node record or enode URL, for people or as JSON. */
@Command(
    name = "enr",
    description = "Decode and validate a node record (enr:...) or enode URL (enode://...).")
public final class EnrCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "<enr:...|enode://...>", description = "The record to decode.")
  String text;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Option(
      names = "--capability-map",
      paramLabel = "CAP=SERVICE[,...]",
      defaultValue = "${env:WAYPOST_CAPABILITY_MAP:-" + CapabilityMap.DEFAULT_TEXT + "}",
      description =
          "Record capabilities that count as advertising a service (env WAYPOST_CAPABILITY_MAP;"
              + " default: ${DEFAULT-VALUE}).")
  String capabilityMap;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    NodeAddress node;
    CapabilityMap capabilities;
    try {
      capabilities = CapabilityMap.parse(capabilityMap);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--capability-map: " + e.getMessage());
    }
    try {
      node = NodeRecords.parse(text);
    } catch (InvalidRecordException e) {
      spec.commandLine().getErr().println("waypost: invalid record: " + e.getMessage());
      return 1;
    }
    Map<String, Object> fields = describe(node, capabilities);
    if (json) {
      out.println(Json.write(fields));
    } else {
      fields.forEach(
          (k, v) ->
              out.printf(
                  "%-16s %s%n",
                  k,
                  v == null
                      ? "none"
                      : v instanceof List<?> l
                          ? String.join(", ", l.stream().map(String::valueOf).toList())
                          : v));
    }
    out.flush();
    return 0;
  }

  static Map<String, Object> describe(NodeAddress node, CapabilityMap capabilities) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("kind", node.isEnr() ? "enr" : "enode");
    out.put("valid", true);
    out.put("nodeId", node.nodeId().toString());
    out.put("publicKeyX", node.publicKey().slice(0, 32).toHexString());
    out.put("publicKeyY", node.publicKey().slice(32, 32).toHexString());
    if (node.isEnr()) {
      out.put("seq", node.seq());
    }
    out.put("udp", address(node.udp()));
    out.put("tcp", address(node.tcp()));
    Bytes services = node.fields().get(ServiceEntry.KEY);
    if (services != null) {
      out.put(
          "serviceTags", ServiceEntry.decode(services).stream().map(Bytes::toHexString).toList());
    }
    if (node.fields().containsKey(TopDiscCapability.KEY)) {
      out.put(
          "topdiscRegistrar",
          node.fields().get(TopDiscCapability.KEY).equals(TopDiscCapability.VERSION_1));
    }
    WakuFields waku = WakuFields.of(node.fields());
    waku.capabilities()
        .ifPresent(c -> out.put("waku2", c.stream().map(WakuFields.Capability::label).toList()));
    waku.shards()
        .ifPresent(
            s -> {
              out.put("cluster", s.cluster());
              out.put("shards", s.shards());
              out.put("shardsForm", s.form());
            });
    if (!waku.multiaddrs().isEmpty()) {
      out.put("multiaddrs", waku.multiaddrs());
    }
    if (!waku.problems().isEmpty()) {
      out.put("wakuProblems", waku.problems());
    }
    Map<String, List<String>> mapped = capabilities.mappedServices(node.fields());
    if (!mapped.isEmpty()) {
      out.put(
          "advertises",
          mapped.entrySet().stream()
              .map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")")
              .toList());
    }
    List<String> other = new ArrayList<>();
    node.fields()
        .forEach(
            (k, v) -> {
              if (!List.of(
                      "id",
                      "secp256k1",
                      "ip",
                      "udp",
                      "tcp",
                      "ip6",
                      "udp6",
                      "tcp6",
                      ServiceEntry.KEY,
                      TopDiscCapability.KEY,
                      WakuFields.WAKU2,
                      WakuFields.RS,
                      WakuFields.RSV,
                      WakuFields.MULTIADDRS)
                  .contains(k)) {
                other.add(k + "=" + v.toHexString());
              }
            });
    if (!other.isEmpty()) {
      out.put("otherFields", other);
    }
    out.put("text", node.text());
    return out;
  }

  /** host:port, or null (JSON null, "none" in text) for a record without one. */
  private static String address(Optional<InetSocketAddress> address) {
    return address.map(a -> a.getAddress().getHostAddress() + ":" + a.getPort()).orElse(null);
  }
}
