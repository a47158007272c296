package io.waypost.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.waypost.core.discovery.DiscoveryNode;
import io.waypost.core.discovery.NodeKey;
import io.waypost.core.model.ServiceId;
import io.waypost.core.request.AnswerStream;
import io.waypost.core.request.EncryptedRequests;
import io.waypost.core.request.RequestChannel;
import io.waypost.core.request.RequestRefusedException;
import io.waypost.core.request.RequestServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The agent as an operator runs it: options from a config file and the environment, /health that
 * turns ready once the agent has joined and placed its ads, and Prometheus metrics (requests over
 * the stream and over TALKREQ, answered and refused; peers of its service) that Debian's real
 * {@code prometheus} server scrapes and answers a query about.
 */
@Timeout(120)
class AgentOperationsTest {

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void prometheusScrapesTheAgentAndHealthTurnsReady() throws Exception {
    Path prometheusBinary = prometheus();
    String host = "127.0.3.30";
    try (DiscoveryNode bootnode =
        DiscoveryNode.builder()
            .nodeKey(NodeKey.generate(new SecureRandom()))
            .bind("127.0.3.31", AgentCommandTest.freePort("127.0.3.31"))
            .advertise(ServiceId.of("mailserver")) // a peer of the agent's service
            .build()) {
      bootnode.start().join();
      int metricsPort = AgentCommandTest.freeTcpPort("127.0.0.1");
      Path keyFile = dir.resolve("node.key");
      // The config file and the environment carry what systemd would give the agent.
      Path config =
          Files.writeString(
              dir.resolve("agent.env"),
              "# as installer/waypost-agent.env\n"
                  + "WAYPOST_NODE_KEY="
                  + keyFile
                  + "\nWAYPOST_CREATE_KEY=true\nWAYPOST_SERVICE=mailserver\nWAYPOST_BIND="
                  + host
                  + "\nWAYPOST_METRICS_PORT="
                  + metricsPort
                  + "\n");
      String[] args =
          AgentSettings.expand(
              new String[] {"agent", "--config", config.toString()},
              java.util.Map.of(
                  "WAYPOST_PORT", Integer.toString(AgentCommandTest.freePort(host)),
                  "WAYPOST_TCP_PORT", Integer.toString(AgentCommandTest.freeTcpPort(host)),
                  "WAYPOST_BOOTNODE", bootnode.localEnr()));
      AgentCommand agent = new AgentCommand();
      CommandLine cli = new CommandLine(agent);
      cli.setOut(new PrintWriter(new StringWriter(), true));
      StringWriter err = new StringWriter();
      cli.setErr(new PrintWriter(err, true));
      CompletableFuture<Integer> exit =
          CompletableFuture.supplyAsync(
              () -> cli.execute(java.util.Arrays.copyOfRange(args, 1, args.length)));
      DiscoveryNode node = agent.started.get(30, TimeUnit.SECONDS);
      Process prometheus = null;
      try {
        String base = "http://127.0.0.1:" + metricsPort;
        eventually(
            "the agent is ready (joined, ads placed)",
            () -> get(base + "/health"),
            body -> body.contains("\"status\":\"ready\""));
        // One request answered, so the counter the query asks for is 1.
        EncryptedRequests requests = new EncryptedRequests(Clock.systemUTC(), new SecureRandom());
        try (AnswerStream answer =
            RequestChannel.withDefaults(requests)
                .send(
                    node.localRecord().getTcpAddress().orElseThrow(),
                    NodeKey.load(keyFile).publicKey(),
                    Bytes.of(1, 2, 3))) {
          assertTrue(answer.readAllBytes().length > 0);
        }
        // And one over TALKREQ (from the peer's discovery node), then its replay, refused.
        Bytes nodeKey = NodeKey.load(keyFile).publicKey();
        EncryptedRequests.Sealed small = requests.seal(nodeKey, Bytes.of(4, 5, 6));
        Bytes talkAnswer =
            bootnode
                .talk(node.localRecord(), RequestServer.PROTOCOL, small.wire())
                .get(10, TimeUnit.SECONDS);
        assertTrue(requests.open(small, talkAnswer).size() > 0);
        Bytes replayAnswer =
            bootnode
                .talk(node.localRecord(), RequestServer.PROTOCOL, small.wire())
                .get(10, TimeUnit.SECONDS);
        assertThrows(RequestRefusedException.class, () -> requests.open(small, replayAnswer));
        String metrics = get(base + "/metrics");
        assertTrue(
            metrics.contains("waypost_requests_answered_total{via=\"stream\"} 1.0"), metrics);
        assertTrue(
            metrics.contains("waypost_requests_answered_total{via=\"talkreq\"} 1.0"), metrics);
        assertTrue(
            metrics.contains(
                "waypost_requests_refused_total{reason=\"replayed\",via=\"talkreq\"} 1.0"),
            metrics);
        assertTrue(
            metrics.contains(
                "waypost_requests_refused_total{reason=\"replayed\",via=\"stream\"} 0.0"),
            metrics);
        assertTrue(metrics.contains("waypost_ads_placed{service=\"mailserver\"}"), metrics);
        assertTrue(metrics.contains("waypost_handshake_sessions "), metrics);
        eventually(
            "the agent counts the peer that advertises its service",
            () -> get(base + "/metrics"),
            body -> body.contains("waypost_service_peers{service=\"mailserver\"} 1.0"));

        int prometheusPort = AgentCommandTest.freeTcpPort("127.0.0.1");
        Path prometheusConfig =
            Files.writeString(
                dir.resolve("prometheus.yml"),
                "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n"
                    + "scrape_configs:\n  - job_name: waypost-agent\n    static_configs:\n"
                    + "      - targets: ['127.0.0.1:"
                    + metricsPort
                    + "']\n");
        prometheus =
            new ProcessBuilder(
                    prometheusBinary.toString(),
                    "--config.file=" + prometheusConfig,
                    "--storage.tsdb.path=" + dir.resolve("tsdb"),
                    "--web.listen-address=127.0.0.1:" + prometheusPort)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
        String query =
            "http://127.0.0.1:"
                + prometheusPort
                + "/api/v1/query?query="
                + URLEncoder.encode(
                    "waypost_requests_answered_total{job=\"waypost-agent\",via=\"stream\"}",
                    StandardCharsets.UTF_8);
        Process running = prometheus;
        eventually(
            "Prometheus has scraped the agent's answered-requests counter",
            () -> {
              if (!running.isAlive()) {
                fail("prometheus exited: " + Files.readString(dir.resolve("prometheus.log")));
              }
              return get(query);
            },
            body -> body.contains("\"status\":\"success\"") && body.contains("\"1\"]"));
      } finally {
        if (prometheus != null) {
          prometheus.destroy();
          if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
            prometheus.destroyForcibly();
          }
        }
        agent.stop.complete(null);
      }
      assertEquals(0, exit.get(30, TimeUnit.SECONDS), err.toString());
    }
  }

  /** Debian's prometheus; .ci/run installs it. */
  private static Path prometheus() {
    for (String candidate : List.of("/usr/bin/prometheus", "/usr/local/bin/prometheus")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return Path.of(candidate);
      }
    }
    return fail("Debian's prometheus is not installed: apt-get install prometheus (.ci/run does)");
  }

  private String get(String url) throws IOException, InterruptedException {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      return "unreachable: " + e;
    }
  }

  private interface Fetch {
    String get() throws Exception;
  }

  private static void eventually(String what, Fetch fetch, Predicate<String> done)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String last = "";
    while (System.nanoTime() < deadline) {
      last = fetch.get();
      if (done.test(last)) {
        return;
      }
      Thread.sleep(250); // poll interval: these are other processes' HTTP endpoints
    }
    fail(what + " within 60 s; last answer: " + last);
  }
}
