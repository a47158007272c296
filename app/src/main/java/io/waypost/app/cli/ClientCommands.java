package io.waypost.app.cli;

import io.waypost.core.client.ServiceClient;
import io.waypost.core.discovery.enr.InvalidRecordException;
import io.waypost.core.model.NodeId;
import io.waypost.core.network.DnsTreeSource;
import io.waypost.core.request.AnswerStream;
import io.waypost.core.selection.Candidate;
import io.waypost.core.trust.CheckOutcome;
import io.waypost.core.trust.TrustVerdict;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.tuweni.bytes.Bytes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The client's commands: verify one node, discover a service's nodes, select a server, send an
 * encrypted request. Exit codes: 0 trusted / done, 1 untrusted or failed, 2 usage, 3 unknown.
 */
final class ClientCommands {

  static final int UNTRUSTED = 1;
  static final int UNKNOWN = 3;

  private ClientCommands() {}

  static int exitCode(TrustVerdict verdict) {
    return switch (verdict.kind()) {
      case TRUSTED, CUSTOM -> 0;
      case UNTRUSTED -> UNTRUSTED;
      case UNKNOWN -> UNKNOWN;
    };
  }

  static Map<String, Object> json(TrustVerdict v) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("nodeId", v.nodeId().toString());
    out.put("verdict", v.kind().name());
    out.put("provider", v.provider().map(Object::toString).orElse(null));
    out.put("providerName", v.providerName().orElse(null));
    List<Object> checks = new ArrayList<>();
    for (CheckOutcome c : v.checks()) {
      Map<String, Object> check = new LinkedHashMap<>();
      check.put("check", c.check().name());
      check.put("result", c.result().name());
      check.put("detail", c.detail());
      checks.add(check);
    }
    out.put("checks", checks);
    return out;
  }

  static void print(PrintWriter out, TrustVerdict v) {
    out.println(
        v.nodeId() + "  " + v.kind() + v.providerName().map(n -> "  (" + n + ")").orElse(""));
    for (CheckOutcome c : v.checks()) {
      out.printf("  %-7s %-17s %s%n", c.result(), c.check(), c.detail());
    }
  }

  @Command(
      name = "verify",
      description = "Check one node (ENR or enode) for a service, with every check's outcome.")
  static final class Verify implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin NetworkOptions network;

    @Parameters(index = "0", description = "The node: enr:... or enode://...")
    String record;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      try (ClientRuntime runtime = ClientRuntime.open(network, network.service)) {
        TrustVerdict verdict;
        try {
          verdict = runtime.client.check(record).get();
        } catch (InvalidRecordException e) {
          spec.commandLine().getErr().println("waypost: the record is refused: " + e.getMessage());
          return UNTRUSTED;
        }
        Optional<String> stale = staleness(runtime.session.indexer().state());
        if (network.json) {
          Map<String, Object> result = json(verdict);
          result.put("stale", stale.isPresent());
          result.put(
              "registryAgeSeconds", verdict.registryAge().map(d -> d.toSeconds()).orElse(null));
          out.println(Json.write(result));
        } else {
          print(out, verdict);
          stale.ifPresent(s -> out.println("  " + s));
        }
        return exitCode(verdict);
      }
    }
  }

  @Command(
      name = "discover",
      description = "Discover a service's nodes and show each one's verdict.")
  static final class Discover implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin NetworkOptions network;

    @Option(
        names = "--watch",
        description =
            "Keep running and print verdict changes until interrupted (with --json: one JSON"
                + " document per line).")
    boolean watch;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      try (ClientRuntime runtime = ClientRuntime.open(network, network.service)) {
        // The network's node lists and --enrtree ones: the session reads them; say what it found.
        List<DnsTreeSource.Reading> readings = runtime.session.dnsTrees().firstReading().get();
        readings.forEach(r -> r.problem().ifPresent(this::warn));
        boolean refused = readings.stream().anyMatch(r -> !r.accepted());
        boolean read = readings.stream().anyMatch(DnsTreeSource.Reading::accepted);
        if (refused && !read && runtime.session.profile().bootnodes().isEmpty()) {
          return UNTRUSTED; // nothing else to discover from
        }
        runtime.discover(network.seconds, ClientRuntime.Enough.PROBED);
        List<TrustVerdict> verdicts = runtime.client.verdicts();
        if (network.json && watch) {
          // A stream: one JSON document per line, first the verdicts now, then each change.
          verdicts.forEach(v -> out.println(Json.write(json(v))));
        } else if (network.json) {
          out.println(Json.write(verdicts.stream().map(ClientCommands::json).toList()));
        } else {
          out.println(verdicts.size() + " node(s) for " + network.service + ":");
          verdicts.forEach(v -> print(out, v));
        }
        out.flush();
        if (watch) {
          watch(runtime, verdicts, out);
        }
        return !refused && verdicts.stream().anyMatch(TrustVerdict::usable) ? 0 : UNTRUSTED;
      }
    }

    private void warn(String message) {
      spec.commandLine().getErr().println("waypost: " + message);
      spec.commandLine().getErr().flush();
    }
  }

  /**
   * While the endpoint cannot be read: how old the registry state is that the verdict was made
   * from, and why; empty when it is current.
   */
  static Optional<String> staleness(io.waypost.core.index.IndexerState state) {
    if (!(state instanceof io.waypost.core.index.IndexerState.Stale s)) {
      return Optional.empty();
    }
    long seconds = java.time.Duration.between(s.lastSynced(), java.time.Instant.now()).toSeconds();
    return Optional.of(
        "stale: answered from the index"
            + (s.block().isPresent() ? " (up to block " + s.block().getAsLong() + ")" : "")
            + ", last current "
            + seconds
            + " s ago; "
            + s.reason());
  }

  /**
   * Prints every verdict change the session pushes until interrupted: a node turned untrusted by a
   * curator, every verdict UNKNOWN (with the registry state's age) while the endpoint is down, and
   * back when it returns.
   */
  private static void watch(ClientRuntime runtime, List<TrustVerdict> first, PrintWriter out)
      throws InterruptedException {
    Map<NodeId, String> last = new java.util.concurrent.ConcurrentHashMap<>();
    first.forEach(v -> last.put(v.nodeId(), v.kind() + v.failing().toString()));
    io.waypost.core.model.ServiceId service = runtime.client.service();
    boolean json = runtime.json;
    java.util.concurrent.atomic.AtomicLong staleShown =
        new java.util.concurrent.atomic.AtomicLong(-1);
    runtime.session.onVerdicts(
        snapshot -> {
          printStaleness(snapshot, staleShown, json, out);
          for (TrustVerdict v : snapshot.of(service)) {
            String summary = v.kind() + v.failing().toString();
            if (!summary.equals(last.put(v.nodeId(), summary))) {
              if (json) {
                Map<String, Object> change = json(v);
                change.put(
                    "registryAgeSeconds", v.registryAge().map(d -> d.toSeconds()).orElse(null));
                change.put("stale", snapshot.staleFor().isPresent());
                out.println(Json.write(change));
              } else {
                out.println(v.nodeId() + " is now " + v.summary());
              }
            }
          }
          out.flush();
        });
    new java.util.concurrent.CountDownLatch(1).await();
  }

  /**
   * During an outage, how old the registry state is, as it grows (every 5 s at most), and once when
   * it is current again; {@code shown} holds the age last printed (-1: current).
   */
  private static void printStaleness(
      io.waypost.core.network.VerdictSnapshot snapshot,
      java.util.concurrent.atomic.AtomicLong shown,
      boolean json,
      PrintWriter out) {
    Optional<java.time.Duration> stale = snapshot.staleFor();
    long before = shown.get();
    if (stale.isEmpty()) {
      if (before >= 0) {
        shown.set(-1);
        out.println(
            json
                ? Json.write(Map.of("stale", false))
                : "The registry can be read again: verdicts are current.");
      }
      return;
    }
    long seconds = stale.get().toSeconds();
    if (before >= 0 && seconds < before + 5) {
      return;
    }
    shown.set(seconds);
    io.waypost.core.index.IndexerState.Stale state =
        (io.waypost.core.index.IndexerState.Stale) snapshot.registry();
    if (json) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("stale", true);
      line.put("staleForSeconds", seconds);
      line.put("indexedBlock", state.block().isPresent() ? state.block().getAsLong() : null);
      line.put("reason", state.reason());
      out.println(Json.write(line));
    } else {
      out.println(
          "The registry cannot be read: verdicts rest on an index last current "
              + seconds
              + " s ago ("
              + state.reason()
              + ")");
    }
  }

  @Command(
      name = "select",
      description = "Choose the server a client would use for a service now, and say why.")
  static final class Select implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin NetworkOptions network;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      try (ClientRuntime runtime = ClientRuntime.open(network, network.service)) {
        runtime.discover(network.seconds, ClientRuntime.Enough.USABLE);
        Optional<Candidate> chosen = runtime.client.select();
        long usable = runtime.client.verdicts().stream().filter(TrustVerdict::usable).count();
        if (chosen.isEmpty()) {
          spec.commandLine()
              .getErr()
              .println(
                  "waypost: no usable server for "
                      + network.service
                      + " ("
                      + runtime.client.known().size()
                      + " found, none trusted or custom)");
          return UNTRUSTED;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("nodeId", chosen.get().nodeId().toString());
        result.put("rttMillis", chosen.get().rtt().map(d -> d.toMillis()).orElse(null));
        result.put("custom", chosen.get().custom());
        result.put("usable", usable);
        result.put(
            "enr",
            runtime.client.known(chosen.get().nodeId()).map(k -> k.record().asEnr()).orElse(null));
        if (network.json) {
          out.println(Json.write(result));
        } else {
          out.println(
              "Selected "
                  + chosen.get().nodeId()
                  + (chosen.get().custom() ? " (custom)" : "")
                  + chosen.get().rtt().map(d -> ", RTT " + d.toMillis() + " ms").orElse("")
                  + ": a random pick among the fastest quarter of "
                  + usable
                  + " usable server(s)");
          out.println(result.get("enr"));
        }
        return 0;
      }
    }
  }

  @Command(
      name = "request",
      description = "Send an encrypted request to a verified server and print its answer.")
  static final class Request implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin NetworkOptions network;

    @Option(names = "--node", description = "A node id; default: the selected server.")
    String node;

    @picocli.CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
    RequestData input;

    static final class RequestData {
      @Option(names = "--data", description = "The request, as text.")
      String text;

      @Option(
          names = "--data-file",
          description = "The request, read from this file (64 KiB at most).")
      java.nio.file.Path file;
    }

    @Option(
        names = "--out",
        description =
            "Write the answer to this file (written whole once verified, never half) instead of"
                + " printing it.")
    java.nio.file.Path outFile;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      Bytes payload = payload();
      try (ClientRuntime runtime = ClientRuntime.open(network, network.service)) {
        long started = System.nanoTime();
        runtime.discover(network.seconds, ClientRuntime.Enough.USABLE);
        ServiceClient client = runtime.client;
        Optional<NodeId> target =
            node != null
                ? Optional.of(NodeId.fromHex(node))
                : client.select().map(Candidate::nodeId);
        if (target.isEmpty()) {
          spec.commandLine().getErr().println("waypost: no usable server for " + network.service);
          return UNTRUSTED;
        }
        Optional<TrustVerdict> verdict = verdictOf(client, target.get());
        // A node asked for by id may be found (and probed) after the first usable one: wait for
        // it too, until its verdict rests on a probe.
        long deadline = started + java.util.concurrent.TimeUnit.SECONDS.toNanos(network.seconds);
        while (System.nanoTime() < deadline) {
          Optional<ServiceClient.KnownNode> known = client.known(target.get());
          if (known.isPresent() && known.get().liveness().probed()) {
            if (known.get().liveness().provedKey()
                || verdict.map(TrustVerdict::usable).orElse(false)) {
              break;
            }
            // A probe lost under load is not a verdict on the node: ask again while time is left.
            Thread.sleep(500);
            client.probe(target.get()).get();
          } else {
            Thread.sleep(200);
          }
          verdict = verdictOf(client, target.get());
        }
        if (verdict.isEmpty() || !verdict.get().usable()) {
          spec.commandLine()
              .getErr()
              .println(
                  "waypost: refusing to send to "
                      + target.get()
                      + ": "
                      + verdict.map(TrustVerdict::summary).orElse("not found by discovery"));
          return UNTRUSTED;
        }
        long start = System.nanoTime();
        Bytes answer = null;
        long answerBytes;
        try (AnswerStream stream = client.openRequest(target.get(), payload)) {
          if (outFile != null) {
            answerBytes = AnswerFiles.writeVerified(stream, outFile);
          } else {
            answer = stream.readAnswer();
            answerBytes = answer.size();
          }
        } catch (java.io.IOException e) {
          spec.commandLine().getErr().println("waypost: the request failed: " + e.getMessage());
          return UNTRUSTED;
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        String text =
            answer == null ? null : new String(answer.toArrayUnsafe(), StandardCharsets.UTF_8);
        if (network.json) {
          Map<String, Object> result = new LinkedHashMap<>();
          result.put("nodeId", target.get().toString());
          result.put("answerBytes", answerBytes);
          result.put("answer", text);
          result.put("out", outFile == null ? null : outFile.toString());
          result.put("millis", millis);
          out.println(Json.write(result));
        } else {
          if (text != null) {
            out.println(text);
          }
          out.println(
              "("
                  + answerBytes
                  + " bytes"
                  + (outFile == null ? "" : " written to " + outFile)
                  + " from "
                  + target.get()
                  + " in "
                  + millis
                  + " ms, encrypted to its key, answer signed by it)");
        }
        return 0;
      }
    }

    private static Optional<TrustVerdict> verdictOf(ServiceClient client, NodeId node) {
      return client.verdicts().stream().filter(v -> v.nodeId().equals(node)).findFirst();
    }

    private Bytes payload() {
      if (input.file == null) {
        return Bytes.wrap(input.text.getBytes(StandardCharsets.UTF_8));
      }
      try {
        long size = java.nio.file.Files.size(input.file);
        if (size > MAX_REQUEST) {
          throw new picocli.CommandLine.ParameterException(
              spec.commandLine(),
              "--data-file " + input.file + " is " + size + " bytes; at most " + MAX_REQUEST);
        }
        return Bytes.wrap(java.nio.file.Files.readAllBytes(input.file));
      } catch (java.io.IOException e) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(), "cannot read --data-file " + input.file + ": " + e.getMessage());
      }
    }
  }

  /** The largest request: 64 KiB (docs/requests.md). */
  static final int MAX_REQUEST = 64 * 1024;
}
