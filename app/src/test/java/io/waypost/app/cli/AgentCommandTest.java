package io.waypost.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.core.discovery.Crypto;
import io.waypost.core.discovery.DiscoveryNode;
import io.waypost.core.discovery.NodeKey;
import io.waypost.core.discovery.enr.NodeRecords;
import io.waypost.core.discovery.enr.ServiceEntry;
import io.waypost.core.model.NodeId;
import io.waypost.core.model.ServiceId;
import io.waypost.core.registry.NodeRegistrationProof;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.ethereum.beacon.discovery.schema.NodeRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Timeout(90)
class AgentCommandTest {

  static final String PROVIDER = "0x1111111111111111111111111111111111111111";
  static final String REGISTRY = "0x2222222222222222222222222222222222222222";

  @TempDir Path dir;

  static int freePort(String host) throws Exception {
    try (DatagramSocket s =
        new DatagramSocket(new InetSocketAddress(InetAddress.getByName(host), 0))) {
      return s.getLocalPort();
    }
  }

  static int freeTcpPort(String host) throws Exception {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getByName(host))) {
      return s.getLocalPort();
    }
  }

  static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":\"?([^\",}]+)").matcher(json);
    assertTrue(m.find(), name + " in " + json);
    return m.group(1);
  }

  @Test
  void advertisesAnswersProbesAndPrintsAProofTheRegistryAccepts() throws Exception {
    Path keyFile = dir.resolve("node.key");
    String host = "127.0.3.7";
    int port = freePort(host);
    int tcpPort = freeTcpPort(host);
    AgentCommand agent = new AgentCommand();
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(agent);
    cli.setOut(new PrintWriter(out, true));
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () ->
                cli.execute(
                    "--node-key",
                    keyFile.toString(),
                    "--create-key",
                    "--service",
                    "mailserver",
                    "--service",
                    "push-notification",
                    "--bind",
                    host,
                    "--port",
                    Integer.toString(port),
                    "--tcp-port",
                    Integer.toString(tcpPort),
                    "--provider",
                    PROVIDER,
                    "--registry",
                    REGISTRY,
                    "--chain-id",
                    "31337",
                    "--json"));
    DiscoveryNode node = agent.started.get(30, TimeUnit.SECONDS);
    try {
      assertEquals(
          "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
      String json = out.toString().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow();
      NodeId nodeId = NodeId.fromHex(field(json, "nodeId"));
      assertEquals(NodeKey.loadOrCreate(keyFile, new SecureRandom()).nodeId(), nodeId);

      // The proof recovers to the node's own key, as the registry checks it.
      NodeRegistrationProof proof =
          new NodeRegistrationProof(
              31337,
              REGISTRY,
              nodeId,
              PROVIDER,
              ServiceId.of("mailserver"),
              0,
              Long.parseLong(field(json, "expiry")));
      Bytes publicKey =
          Bytes.concatenate(
              Bytes32.fromHexString(field(json, "publicKeyX")),
              Bytes32.fromHexString(field(json, "publicKeyY")));
      assertEquals(
          publicKey,
          Crypto.recover(proof.digest(), Bytes.fromHexString(field(json, "signature")))
              .orElseThrow());

      // Its record lists both services, and it answers PING and the signed probe.
      NodeRecord record = NodeRecords.parseEnr(field(json, "enr"));
      assertTrue(ServiceEntry.provides(record, ServiceId.of("mailserver")));
      assertEquals(
          tcpPort, record.getTcpAddress().orElseThrow().getPort(), "the request stream's port");
      assertTrue(ServiceEntry.provides(record, ServiceId.of("push-notification")));
      try (DiscoveryNode prober =
          DiscoveryNode.builder()
              .nodeKey(NodeKey.generate(new SecureRandom()))
              .bind("127.0.3.8", freePort("127.0.3.8"))
              .build()) {
        prober.start().join();
        assertTrue(prober.ping(record).join().compareTo(Duration.ofSeconds(2)) < 0);
        assertTrue(prober.probe(record).join().timestampMillis() > 0);
      }
    } finally {
      agent.stop.complete(null);
    }
    assertEquals(0, exit.get(30, TimeUnit.SECONDS));
  }

  @Test
  void proofOptionsGoTogether() {
    CommandLine cli = WaypostCommand.commandLine();
    cli.setErr(new PrintWriter(new StringWriter()));
    int code =
        cli.execute(
            "agent",
            "--node-key",
            dir.resolve("k").toString(),
            "--service",
            "mailserver",
            "--provider",
            PROVIDER);
    assertEquals(2, code);
  }

  @Test
  void stopsCleanlyOnSigterm() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String host = "127.0.3.9";
    Process process =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "io.waypost.app.WaypostMain",
                "agent",
                "--node-key",
                dir.resolve("node.key").toString(),
                "--create-key",
                "--service",
                "mailserver",
                "--bind",
                host,
                "--port",
                Integer.toString(freePort(host)))
            .redirectErrorStream(true)
            .start();
    long pid = process.pid();
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                in.lines().forEach(lines::add);
              } catch (java.io.IOException e) {
                // process ended
              }
            });
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
      while (lines.stream().noneMatch(l -> l.contains("Agent running"))) {
        assertTrue(System.nanoTime() < deadline, "agent did not start: " + lines);
        assertTrue(process.isAlive(), "agent died: " + lines);
        Thread.sleep(50); // poll interval
      }
      assertTrue(lines.stream().anyMatch(l -> l.startsWith("enr ")), lines.toString());
      ProcessHandle.of(pid).orElseThrow().destroy(); // SIGTERM
      assertTrue(process.waitFor(30, TimeUnit.SECONDS), "stopped within 30 s");
      assertEquals(143, process.exitValue(), "terminated by SIGTERM, after its hook ran");
      long stopDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (lines.stream().noneMatch(l -> l.contains("Agent stopped"))
          && System.nanoTime() < stopDeadline) {
        Thread.sleep(50); // the reader thread may lag the exit by a moment
      }
      assertTrue(lines.stream().anyMatch(l -> l.contains("Agent stopped")), lines.toString());
    } finally {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }
}
