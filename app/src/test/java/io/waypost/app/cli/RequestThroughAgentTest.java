package io.waypost.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.waypost.core.devnet.Devnet;
import io.waypost.core.devnet.DevnetDiscovery;
import io.waypost.core.devnet.DevnetNode;
import io.waypost.core.devnet.FoundryToolchain;
import io.waypost.core.discovery.NodeKey;
import io.waypost.core.store.Database;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The whole request path as a provider and a client run it: a registered node's agent whose backend
 * is a real HTTP server (the JDK's), found by discovery, verified against the devnet's registry,
 * and asked through {@code waypost request}: a 64 KiB request out, a 1 MiB answer back.
 */
@Timeout(240)
class RequestThroughAgentTest {

  private static final String AGENT_NODE = "status-mail-1";
  private static final int ONE_MIB = 1024 * 1024;

  @TempDir static Path dataDir;
  private static ExecutorService executor;
  private static Database database;
  private static Devnet devnet;
  private static DevnetDiscovery network;
  private static HttpServer backend;
  private static AgentCommand agent;
  private static CompletableFuture<Integer> agentExit;
  private static String agentNodeId;
  private static final AtomicReference<byte[]> lastRequest = new AtomicReference<>();
  private static final byte[] ANSWER = bytes(ONE_MIB, 7);

  @BeforeAll
  static void start() throws Exception {
    executor = Executors.newVirtualThreadPerTaskExecutor();
    database = Database.open(dataDir.resolve("devnet.db"));
    devnet =
        Devnet.start(
            new Devnet.Options(dataDir, false, FoundryToolchain.locate().anvil()),
            database,
            executor,
            Clock.systemUTC());
    // Every devnet node but one joins as usual; that one runs as a provider would: the agent.
    List<DevnetDiscovery.Member> others =
        devnet.nodes().stream()
            .filter(n -> !n.name().equals(AGENT_NODE))
            .map(n -> new DevnetDiscovery.Member(n.name(), n.keyFile(), n.services()))
            .toList();
    network = DevnetDiscovery.startMembers(others, Clock.systemUTC());
    DevnetNode agentNode =
        devnet.nodes().stream().filter(n -> n.name().equals(AGENT_NODE)).findFirst().orElseThrow();
    agentNodeId = NodeKey.load(agentNode.keyFile()).nodeId().toString();

    backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    backend.createContext(
        "/query",
        exchange -> {
          byte[] request;
          try (InputStream in = exchange.getRequestBody()) {
            request = in.readAllBytes();
          }
          lastRequest.set(request);
          if (new String(request, StandardCharsets.UTF_8).equals("store offline?")) {
            byte[] reason = "store offline".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(503, reason.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(reason);
            }
            return;
          }
          exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
          exchange.sendResponseHeaders(200, 0); // chunked: the answer streams
          try (OutputStream out = exchange.getResponseBody()) {
            for (int at = 0; at < ANSWER.length; at += 16 * 1024) {
              out.write(ANSWER, at, Math.min(16 * 1024, ANSWER.length - at));
            }
          }
        });
    backend.setExecutor(executor);
    backend.start();

    String host = "127.0.3.20";
    agent = new AgentCommand();
    CommandLine cli = new CommandLine(agent);
    cli.setOut(new PrintWriter(new StringWriter(), true));
    String[] args = {
      "--node-key", agentNode.keyFile().toString(),
      "--service", "mailserver",
      "--bind", host,
      "--port", Integer.toString(AgentCommandTest.freePort(host)),
      "--tcp-port", Integer.toString(AgentCommandTest.freeTcpPort(host)),
      "--bootnode", network.bootnodeEnr(),
      "--backend", "http://127.0.0.1:" + backend.getAddress().getPort() + "/query"
    };
    agentExit = CompletableFuture.supplyAsync(() -> cli.execute(args), executor);
    agent.started.get(60, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    if (agent != null) {
      agent.stop.complete(null);
      assertEquals(0, agentExit.get(30, TimeUnit.SECONDS));
    }
    if (backend != null) {
      backend.stop(0);
    }
    network.close();
    devnet.close();
    database.close();
    executor.shutdownNow();
  }

  @Test
  void a64KibRequestGetsA1MibAnswerFromTheHttpBackend() throws Exception {
    byte[] request = bytes(64 * 1024, 3);
    Path requestFile = Files.write(dataDir.resolve("request.bin"), request);
    Path answerFile = dataDir.resolve("answer.bin");
    Result result =
        run(
            "request",
            "--node",
            agentNodeId,
            "--data-file",
            requestFile.toString(),
            "--out",
            answerFile.toString(),
            "--json");
    assertEquals(0, result.code, result.all());
    assertArrayEquals(request, lastRequest.get(), "the backend got the request's plaintext");
    assertArrayEquals(ANSWER, Files.readAllBytes(answerFile), "the answer arrived whole");
    assertTrue(result.out.contains("\"answerBytes\":" + ONE_MIB), result.all());
  }

  @Test
  void aBackendErrorReachesTheClientAsTheNodesSignedRefusal() {
    Result result = run("request", "--node", agentNodeId, "--data", "store offline?");
    assertEquals(1, result.code, result.all());
    assertTrue(
        result.err.contains(
            "the node refused the request: the service could not answer: the backend answered"
                + " HTTP 503 (store offline)"),
        result.all());
  }

  @Test
  void anOversizedRequestIsRefusedBeforeAnythingIsSent() throws Exception {
    Path tooLarge = Files.write(dataDir.resolve("large.bin"), new byte[64 * 1024 + 1]);
    Path answerFile = dataDir.resolve("never.bin");
    Result result =
        run(
            "request",
            "--node",
            agentNodeId,
            "--data-file",
            tooLarge.toString(),
            "--out",
            answerFile.toString());
    assertEquals(2, result.code, result.all());
    assertTrue(result.err.contains("is 65537 bytes; at most 65536"), result.all());
    assertFalse(Files.exists(answerFile));
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
            "--service", "mailserver",
            "--seconds", "30",
            "--rpc", devnet.profile().rpc().toString(),
            "--chain-id", "31337",
            "--registry", devnet.profile().registry().value(),
            "--bootnode", network.bootnodeEnr(),
            "--data-dir", dataDir.resolve("cli").toString()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = WaypostCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  private static byte[] bytes(int size, int seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
