package io.waypost.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 56,134-character record that crashed the packaged launcher gets a message and exit 2 from
 * main as well (installer/src/launchers/waypost refuses it before the launcher starts).
 */
class ArgumentLimitTest {

  @TempDir Path dir;

  @Test
  void anOversizedArgumentIsRefusedWithItsLength() throws Exception {
    List<String> command = new java.util.ArrayList<>(WaypostProcess.java());
    command.add("enr");
    command.add("enr:-" + "A".repeat(56_129));
    Process process = WaypostProcess.start(command, dir, Map.of(), true);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(2, process.exitValue(), output);
    assertEquals(
        "waypost: the arguments are 56,139 characters long, more than the 32,768 the launcher"
            + " accepts; pass long request data with --data-file\n",
        output);
  }

  @Test
  void argumentsWithinTheLimitPass() {
    ArgumentLimit.check(new String[] {"enr", "x".repeat(ArgumentLimit.MAX_CHARACTERS - 5)});
  }
}
