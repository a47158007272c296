package io.waypost.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.app.cli.WaypostCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class WaypostMainTest {

  @Test
  void versionSaysDevelopmentBuildOutsideAJar() {
    StringWriter out = new StringWriter();
    CommandLine cli = WaypostCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    assertEquals(0, cli.execute("--version"));
    assertEquals("waypost development build", out.toString().trim());
  }

  @Test
  void unknownCommandsAreUsageErrors() {
    StringWriter err = new StringWriter();
    CommandLine cli = WaypostCommand.commandLine();
    cli.setErr(new PrintWriter(err));
    assertEquals(2, cli.execute("no-such-command"));
    assertTrue(err.toString().contains("no-such-command"), err.toString());
  }
}
