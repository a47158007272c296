package io.waypost.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's client examples, copied from README.md as they stand, run by bash against `./waypost
 * devnet` as a newcomer would: the devnet in one process, its printed export lines pasted into the
 * shell that runs the examples. `./waypost` is a script here that runs this build's main class.
 */
class ReadmeClientExamplesTest {

  private static final String MARKER = "<!-- client-examples";

  @TempDir Path dir;

  @Test
  void theReadmesClientExamplesRunVerbatimAgainstWaypostDevnet() throws Exception {
    String readme = Files.readString(Path.of(System.getProperty("user.dir"), "..", "README.md"));
    assertTrue(readme.contains("```bash\n./waypost devnet\n```"), "README starts the devnet so");
    String examples = codeBlockAfter(readme, MARKER);
    WaypostProcess.writeLauncher(dir);

    Process devnet =
        WaypostProcess.start(
            List.of("bash", "-c", "exec ./waypost devnet"),
            dir,
            Map.of("XDG_DATA_HOME", home("d")),
            true);
    LinkedBlockingQueue<String> devnetLines = new LinkedBlockingQueue<>();
    WaypostProcess.read(devnet, devnetLines);
    try {
      Map<String, String> exports = new LinkedHashMap<>();
      List<String> seen = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
      while (true) {
        String line = devnetLines.poll(200, TimeUnit.MILLISECONDS);
        if (line != null) {
          seen.add(line);
          if (line.strip().startsWith("export WAYPOST_")) {
            String assignment = line.strip().substring("export ".length());
            exports.put(
                assignment.substring(0, assignment.indexOf('=')),
                assignment.substring(assignment.indexOf('=') + 1));
          }
          if (line.startsWith("Devnet running")) {
            break;
          }
        }
        assertTrue(
            System.nanoTime() < deadline && (line != null || devnet.isAlive()),
            "waypost devnet did not come up: " + seen);
      }
      assertEquals(
          List.of("WAYPOST_RPC_URL", "WAYPOST_CHAIN_ID", "WAYPOST_REGISTRY", "WAYPOST_BOOTNODE"),
          List.copyOf(exports.keySet()),
          "the four export lines: " + seen);
      assertTrue(exports.get("WAYPOST_BOOTNODE").startsWith("enr:"), exports.toString());

      Path script = dir.resolve("examples.sh");
      Files.writeString(script, "set -euo pipefail\nset -x\n" + examples);
      Map<String, String> env = new LinkedHashMap<>(exports);
      env.put("XDG_DATA_HOME", home("c"));
      Process run = WaypostProcess.start(List.of("bash", script.toString()), dir, env, true);
      LinkedBlockingQueue<String> output = new LinkedBlockingQueue<>();
      CompletableFuture<Void> read = WaypostProcess.read(run, output);
      boolean finished = run.waitFor(300, TimeUnit.SECONDS);
      if (!finished) {
        run.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      read.get(10, TimeUnit.SECONDS); // every line of its output
      String all = String.join("\n", output);
      assertTrue(finished, "the examples did not finish in 300 s:\n" + all);
      assertEquals(0, run.exitValue(), all);
      assertTrue(all.contains("TRUSTED  (Status)"), all);
      assertTrue(all.contains("Selected 0x"), all);
      assertTrue(all.contains("PASS    ALIVE"), all);
      assertTrue(all.contains("encrypted to its key, answer signed by it"), all);
    } finally {
      WaypostProcess.stop(devnet, 60); // SIGTERM: the devnet stops everything it started
    }
  }

  /** The fenced code block that follows {@code marker}, without its fences. */
  private static String codeBlockAfter(String readme, String marker) {
    int at = readme.indexOf(marker);
    assertTrue(at >= 0, "README has the client examples marker");
    int open = readme.indexOf("```bash\n", at) + "```bash\n".length();
    int close = readme.indexOf("\n```", open);
    return readme.substring(open, close + 1);
  }

  private String home(String name) throws IOException {
    return Files.createDirectories(dir.resolve(name)).toString();
  }
}
