package io.waypost.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.tuweni.bytes.Bytes32;

/**
 * Builds Waku node records with the npm package {@code @waku/enr} (interop/waku-enr/make-enr.mjs,
 * run with node): records from an implementation that shares no code with Waypost.
 */
public final class WakuEnrJs {

  private static final Pattern ENR = Pattern.compile("\"enr\":\"(enr:[^\"]+)\"");

  private WakuEnrJs() {}

  /** The record for {@code secret} with the script's options, e.g. {@code --store --relay}. */
  public static String record(Bytes32 secret, String... options) throws Exception {
    Path dir = Path.of(System.getProperty("waypost.interop.wakuenr.dir", "../interop/waku-enr"));
    assertTrue(
        Files.isDirectory(dir.resolve("node_modules/@waku/enr")),
        "run the Maven build (it runs npm ci in " + dir + ")");
    List<String> command = new ArrayList<>(List.of("node", "make-enr.mjs", "--key"));
    command.add(secret.toUnprefixedHexString());
    command.addAll(List.of(options));
    Process node =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(node.waitFor(60, TimeUnit.SECONDS), "make-enr.mjs did not finish");
      assertEquals(0, node.exitValue(), "make-enr.mjs failed: " + out);
      Matcher m = ENR.matcher(out);
      assertTrue(m.find(), "no record in " + out);
      return m.group(1);
    } catch (IOException e) {
      throw new IOException("cannot run node for @waku/enr: " + e.getMessage(), e);
    } finally {
      node.destroy();
    }
  }
}
