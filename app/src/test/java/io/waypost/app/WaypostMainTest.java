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

  @Test
  void everyCommandAndSubcommandHasHelp() {
    java.util.List<java.util.List<String>> paths = new java.util.ArrayList<>();
    collect(WaypostCommand.commandLine(), new java.util.ArrayList<>(), paths);
    assertTrue(paths.size() > 20, paths.toString());
    for (java.util.List<String> path : paths) {
      StringWriter out = new StringWriter();
      CommandLine cli = WaypostCommand.commandLine();
      cli.setOut(new PrintWriter(out));
      java.util.List<String> args = new java.util.ArrayList<>(path);
      args.add("--help");
      assertEquals(0, cli.execute(args.toArray(String[]::new)), String.join(" ", args));
      assertTrue(out.toString().startsWith("Usage: waypost"), out.toString());
      assertTrue(!out.toString().contains("Default: []"), out.toString());
    }
  }

  private static void collect(
      CommandLine command,
      java.util.List<String> path,
      java.util.List<java.util.List<String>> out) {
    command
        .getSubcommands()
        .forEach(
            (name, sub) -> {
              if (name.equals("help") || sub.getCommandSpec().aliases().length > 0) {
                return;
              }
              java.util.List<String> next = new java.util.ArrayList<>(path);
              next.add(name);
              out.add(next);
              collect(sub, next, out);
            });
  }
}
