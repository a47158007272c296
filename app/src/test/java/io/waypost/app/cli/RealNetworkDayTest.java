package io.waypost.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waypost.core.account.Keystores;
import io.waypost.core.devnet.AnvilNode;
import io.waypost.core.devnet.DevAccounts;
import io.waypost.core.devnet.FoundryToolchain;
import io.waypost.core.discovery.DiscoveryNode;
import io.waypost.core.discovery.NodeKey;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.utils.Numeric;

/**
 * A real network's day, from the command line only, on a separate anvil that behaves like a public
 * testnet (chain id 11155111, a block every second, two confirmations): deploy with an owner that
 * is not the deployer, add a curator, a provider applies and is approved, three agents read their
 * nonces from the chain and print proofs for two services each, all six register in one
 * transaction, a client selects a trusted node (stdout parsed as JSON), the provider is suspended
 * and the client says none is usable. Agents run as processes of the entry point; the rest runs
 * through the same entry point in this JVM.
 */
class RealNetworkDayTest {

  private static final long SEPOLIA = 11155111;

  @TempDir Path dir;
  private Path passwordFile;

  @Test
  void aNetworksDayFromTheCommandLine() throws Exception {
    AnvilNode.Options options =
        AnvilNode.Options.defaults(FoundryToolchain.locate().anvil())
            .withChainId(SEPOLIA)
            .withBlockTime(Duration.ofSeconds(1));
    passwordFile = Files.writeString(dir.resolve("password"), "day-password\n");
    Keystores keystores = new Keystores(dir.resolve("keys"), Keystores.Strength.LIGHT);
    Path deployer = keystore(keystores, 0);
    Path owner = keystore(keystores, 1);
    Path curator = keystore(keystores, 2);
    Path provider = keystore(keystores, 3);
    List<Process> agents = new ArrayList<>();
    try (AnvilNode anvil = AnvilNode.start(options);
        DiscoveryNode bootnode =
            DiscoveryNode.builder()
                .nodeKey(NodeKey.generate(new SecureRandom()))
                .bind("127.0.0.1", AgentCommandTest.freePort("127.0.0.1"))
                .build()) {
      bootnode.start().join();
      String rpc = anvil.rpcUrl();

      JsonNode deployed =
          ok(
              "deploy",
              "--rpc",
              rpc,
              "--chain-id",
              Long.toString(SEPOLIA),
              "--keystore",
              deployer.toString(),
              "--password-file",
              passwordFile.toString(),
              "--owner",
              address(1),
              "--service",
              "mailserver",
              "--service",
              "push-notification",
              "--bootnode",
              bootnode.localEnr(),
              "--save-network",
              "staging",
              "--confirmations",
              "2",
              "--json");
      assertTrue(
          deployed.get("registry").asText().matches("0x[0-9a-fA-F]{40}"), deployed.toString());
      assertTrue(deployed.get("deploymentBlock").asLong() > 0, deployed.toString());

      JsonNode saved = ok("network", "show", "staging", "--json");
      assertEquals(deployed.get("registry").asText(), saved.get("registry").asText());
      assertEquals(deployed.get("deploymentBlock").asLong(), saved.get("deploymentBlock").asLong());
      assertEquals(bootnode.localEnr(), saved.get("bootnodes").get(0).asText());
      assertEquals("staging", ok("network", "list", "--json").get(0).get("name").asText());

      ok(signed(owner, "owner", "add-curator", address(2)));
      ok(
          signed(
              provider,
              "provider",
              "apply",
              "--name",
              "Relay One",
              "--uri",
              "https://relay.example"));
      JsonNode pending = ok(staging("curator", "pending", "--json"));
      assertEquals(address(3), pending.get(0).get("address").asText().toLowerCase());
      ok(signed(curator, "curator", "approve", address(3)));

      // Three agents started with the network: nonces read from the chain, two services each.
      List<Path> proofs = new ArrayList<>();
      Set<String> agentIds = new HashSet<>();
      for (int i = 0; i < 3; i++) {
        Process agent = startAgent(i, bootnode.localEnr());
        agents.add(agent);
        String line = firstLine(agent);
        JsonNode identity = new ObjectMapper().readTree(line);
        agentIds.add(identity.get("nodeId").asText());
        JsonNode agentProofs = identity.get("proofs");
        assertEquals(2, agentProofs.size(), line);
        assertEquals(0, agentProofs.get(0).get("nonce").asLong(), line);
        assertEquals(1, agentProofs.get(1).get("nonce").asLong(), line);
        proofs.add(Files.writeString(dir.resolve("agent-" + i + ".json"), line + "\n"));
      }
      List<String> register = new ArrayList<>(List.of("provider", "register"));
      proofs.forEach(p -> register.add(p.toString()));
      JsonNode registered = ok(signed(provider, register.toArray(String[]::new)));
      assertEquals(6, registered.get("registrations").asInt(), registered.toString());
      assertEquals("registerNodes", registered.get("action").asText());

      JsonNode selected =
          ok(staging("select", "--service", "mailserver", "--seconds", "40", "--json"));
      assertTrue(agentIds.contains(selected.get("nodeId").asText()), selected.toString());

      ok(signed(curator, "curator", "suspend", address(3), "--reason", "stale messages"));
      Cli.Result none =
          run(staging("select", "--service", "mailserver", "--seconds", "8", "--json"));
      assertEquals(1, none.code(), none.all());
      assertEquals("", none.out(), "nothing on stdout when none is usable");
      assertTrue(none.err().contains("no usable server"), none.all());

      badValuesExitTwoNamingTheFlag(rpc);
    } finally {
      for (Process agent : agents) {
        agent.destroy();
        if (!agent.waitFor(20, TimeUnit.SECONDS)) {
          agent.destroyForcibly();
        }
      }
    }
  }

  private void badValuesExitTwoNamingTheFlag(String rpc) throws Exception {
    Path fresh = dir.resolve("fresh");
    String chain = Long.toString(SEPOLIA);
    String wrongCase = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"; // checksum ends in ...BeAed
    String[][] cases = {
      {"--chain-id", "deploy", "--rpc", rpc, "--chain-id", "0", "--owner", address(1)},
      {"--owner", "deploy", "--rpc", rpc, "--chain-id", chain, "--owner", wrongCase},
      {"--rpc", "select", "--rpc", "ftp://x", "--chain-id", chain, "--service", "m"},
      {"--registry", "curator", "approve", address(3), "--registry", wrongCase},
      {"--bootnode", "select", "--service", "m", "--bootnode", "enr:garbage"},
      {"--expiry-seconds", "agent", "--node-key", "k", "--service", "m", "--expiry-seconds", "-5"},
      {"--port", "agent", "--node-key", "k", "--service", "m", "--port", "70000"},
      {"--node-key", "agent", "--node-key", fresh.resolve("none.key").toString(), "--service", "m"},
      {"--confirmations", "provider", "withdraw", "--confirmations", "-1"},
      {
        "--deployment-block",
        "network",
        "add",
        "late",
        "--rpc",
        rpc,
        "--chain-id",
        chain,
        "--registry",
        address(1),
        "--deployment-block",
        "99999999"
      },
    };
    for (String[] c : cases) {
      List<String> args = new ArrayList<>(List.of(c).subList(1, c.length));
      args.addAll(List.of("--data-dir", fresh.toString()));
      Cli.Result result = Cli.run(args.toArray(String[]::new));
      assertEquals(2, result.code(), result.all());
      assertTrue(result.err().contains(c[0]), "names " + c[0] + ": " + result.all());
      assertFalse(result.err().contains("Exception"), result.all());
      assertFalse(Files.exists(fresh.resolve("waypost.db")), "nothing written: " + List.of(c));
    }
  }

  private Process startAgent(int index, String bootnode) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                java,
                "--sun-misc-unsafe-memory-access=allow",
                "-cp",
                System.getProperty("java.class.path"),
                "io.waypost.app.WaypostMain",
                "agent",
                "--node-key",
                dir.resolve("node-" + index + ".key").toString(),
                "--create-key",
                "--service",
                "mailserver",
                "--service",
                "push-notification",
                "--bind",
                "127.0.0.1",
                "--port",
                Integer.toString(AgentCommandTest.freePort("127.0.0.1")),
                "--bootnode",
                bootnode,
                "--provider",
                address(3),
                "--json")
            .redirectError(dir.resolve("agent-" + index + ".log").toFile());
    // The network and data directory come from the environment, as an operator would set them.
    builder.environment().put("WAYPOST_NETWORK", "staging");
    builder.environment().put("WAYPOST_DATA_DIR", dir.resolve("agent-data").toString());
    Files.createDirectories(dir.resolve("agent-data"));
    Files.copy(
        dir.resolve("cli").resolve("waypost.db"),
        dir.resolve("agent-data").resolve("waypost.db"),
        StandardCopyOption.REPLACE_EXISTING);
    return builder.start();
  }

  private String firstLine(Process agent) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> line =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return out.readLine();
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    String first = line.get(60, TimeUnit.SECONDS);
    assertTrue(first != null && first.startsWith("{"), "agent's first line: " + first);
    return first;
  }

  private Path keystore(Keystores keystores, int account) {
    return keystores
        .importPrivateKey(
            Numeric.toHexStringNoPrefixZeroPadded(
                DevAccounts.account(account).getEcKeyPair().getPrivateKey(), 64),
            "day-password")
        .file();
  }

  private static String address(int account) {
    return DevAccounts.account(account).getAddress();
  }

  private String[] staging(String... command) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(List.of("--network", "staging", "--data-dir", dir.resolve("cli").toString()));
    return args.toArray(String[]::new);
  }

  private String[] signed(Path keystore, String... command) {
    List<String> args = new ArrayList<>(List.of(staging(command)));
    args.addAll(
        List.of(
            "--keystore",
            keystore.toString(),
            "--password-file",
            passwordFile.toString(),
            "--confirmations",
            "2",
            "--json"));
    return args.toArray(String[]::new);
  }

  private JsonNode ok(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (!all.contains("--data-dir")) {
      all.addAll(List.of("--data-dir", dir.resolve("cli").toString()));
    }
    Cli.Result result = run(all.toArray(String[]::new));
    assertEquals(0, result.code(), String.join(" ", all) + "\n" + result.all());
    return result.json();
  }

  private static Cli.Result run(String... args) {
    return Cli.run(args);
  }
}
