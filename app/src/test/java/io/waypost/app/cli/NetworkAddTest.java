package io.waypost.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.waypost.core.testing.DevnetFixture;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code waypost network add} with several RPC URLs (a dead one first: kept, with a warning) and a
 * confirmation depth; left out, the deployment block is found by binary search and saved. Bad
 * values exit 2 naming the flag, and nothing is written.
 */
class NetworkAddTest {

  @TempDir Path dir;

  @Test
  void severalUrlsADepthAndTheFoundDeploymentBlockAreSavedAndBadValuesExitTwo() throws Exception {
    try (DevnetFixture f = new DevnetFixture(dir.resolve("devnet"))) {
      String anvil = f.devnet.profile().rpc().url();
      String dead = "http://127.0.0.1:" + deadPort();
      String registry = f.devnet.profile().registry().value();
      Path data = dir.resolve("cli");
      List<String> add =
          List.of(
              "network",
              "add",
              "lab",
              "--rpc",
              dead,
              "--rpc",
              anvil,
              "--chain-id",
              "31337",
              "--registry",
              registry,
              "--confirmations",
              "2",
              "--data-dir",
              data.toString());
      Cli.Result added = Cli.run(add.toArray(String[]::new));
      assertEquals(0, added.code(), added.all());
      assertTrue(
          added.err().contains("cannot reach " + dead), "a dead fallback is said: " + added.all());

      Cli.Result shown = Cli.run("network", "show", "lab", "--json", "--data-dir", data.toString());
      JsonNode profile = shown.json();
      assertEquals(dead, profile.get("rpc").asText());
      assertEquals(anvil, profile.get("fallbackRpcs").get(0).asText(), shown.all());
      assertEquals(2, profile.get("confirmations").asInt());
      long deployed = profile.get("deploymentBlock").asLong();
      assertTrue(deployed > 0, "found by binary search and saved: " + shown.all());
      assertEquals(
          "0x",
          f.devnet
              .chain()
              .web3j()
              .ethGetCode(
                  registry,
                  org.web3j.protocol.core.DefaultBlockParameter.valueOf(
                      java.math.BigInteger.valueOf(deployed - 1)))
              .send()
              .getCode(),
          "no code the block before the one saved");

      Path fresh = dir.resolve("fresh");
      String[][] cases = {
        {"--confirmations", "1001"},
        {"--confirmations", "-1"},
        {"--confirmations", "two"},
        {"--rpc", "ftp://fallback"},
      };
      for (String[] bad : cases) {
        List<String> args =
            new ArrayList<>(
                List.of(
                    "network",
                    "add",
                    "bad",
                    "--rpc",
                    anvil,
                    "--chain-id",
                    "31337",
                    "--registry",
                    registry,
                    "--data-dir",
                    fresh.toString()));
        args.addAll(List.of(bad));
        Cli.Result result = Cli.run(args.toArray(String[]::new));
        assertEquals(2, result.code(), result.all());
        assertTrue(result.err().contains(bad[0]), "names " + bad[0] + ": " + result.all());
        assertFalse(result.err().contains("Exception"), result.all());
        assertFalse(Files.exists(fresh.resolve("waypost.db")), "nothing written: " + List.of(bad));
      }
    }
  }

  private static int deadPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
