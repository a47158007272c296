package io.waypost.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's systemd unit and settings file as the .deb ships them: the example settings are valid
 * agent options, and installer/src/deb/add-agent-service.sh (which the .deb build runs on
 * jpackage's package) puts both at their Debian paths, as dpkg-deb -c lists them.
 */
class AgentServicePackagingTest {

  static final Path INSTALLER = Path.of("..", "installer");

  @TempDir Path dir;

  @Test
  void theExampleSettingsAreValidAgentOptions() {
    String[] expanded =
        AgentSettings.expand(
            new String[] {
              "agent", "--config", INSTALLER.resolve("systemd/waypost-agent.env").toString()
            },
            Map.of());
    picocli.CommandLine cli = WaypostCommand.commandLine();
    cli.parseArgs(expanded); // as the launcher parses it, --log-level and all
    AgentCommand agent = cli.getSubcommands().get("agent").getCommand();
    assertEquals(Path.of("/var/lib/waypost/node.key"), agent.nodeKey);
    assertEquals(List.of("mailserver"), agent.services);
    assertEquals(9464, agent.metricsPort);
    assertTrue(
        Files.exists(INSTALLER.resolve("systemd/waypost-agent.service")), "the unit is there");
  }

  @Test
  void theDebGainsTheUnitAndItsSettings() throws Exception {
    Path root = Files.createDirectories(dir.resolve("pkg/DEBIAN"));
    Files.writeString(
        root.resolve("control"),
        "Package: waypost\nVersion: 0.1.0\nArchitecture: amd64\nMaintainer: Waypost"
            + " <waypost@example.invalid>\nDescription: test package\n");
    Files.createDirectories(dir.resolve("pkg/opt/waypost/bin"));
    Files.writeString(dir.resolve("pkg/opt/waypost/bin/waypost"), "#!/bin/sh\n");
    Path out = Files.createDirectories(dir.resolve("deb"));
    run(
        "dpkg-deb",
        "--root-owner-group",
        "-b",
        dir.resolve("pkg").toString(),
        out.resolve("waypost_0.1.0_amd64.deb").toString());
    run(
        "bash",
        INSTALLER.resolve("src/deb/add-agent-service.sh").toString(),
        out.toString(),
        INSTALLER.resolve("systemd").toString());
    String listing = run("dpkg-deb", "-c", out.resolve("waypost_0.1.0_amd64.deb").toString());
    assertTrue(listing.contains(" ./lib/systemd/system/waypost-agent.service"), listing);
    assertTrue(listing.contains(" ./etc/waypost/agent.env"), listing);
    assertTrue(listing.contains(" ./opt/waypost/bin/waypost"), "jpackage's files stay: " + listing);
  }

  private static String run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
    assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + output);
    return output;
  }
}
