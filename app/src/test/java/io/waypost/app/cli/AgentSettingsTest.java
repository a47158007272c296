package io.waypost.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AgentSettingsTest {

  @TempDir Path dir;

  @Test
  void commandLineBeatsEnvironmentBeatsConfigFile() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("agent.env"),
            """
            # comments and blank lines are fine

            WAYPOST_NODE_KEY=/var/lib/waypost/node.key
            WAYPOST_PORT=9100
            WAYPOST_SERVICE="mailserver,push-notification"
            WAYPOST_JSON=true
            """);
    String[] expanded =
        AgentSettings.expand(
            new String[] {"agent", "--config", config.toString(), "--port", "9300"},
            Map.of("WAYPOST_PORT", "9200", "WAYPOST_BACKEND", "http://127.0.0.1:8080/q"));
    AgentCommand agent = new AgentCommand();
    assertEquals("agent", expanded[0]);
    new CommandLine(agent).parseArgs(java.util.Arrays.copyOfRange(expanded, 1, expanded.length));
    assertEquals(Path.of("/var/lib/waypost/node.key"), agent.nodeKey);
    assertEquals(9300, agent.port, "the command line wins");
    assertEquals(List.of("mailserver", "push-notification"), agent.services);
    assertEquals("http://127.0.0.1:8080/q", agent.backend, "from the environment");
    assertTrue(agent.json);
  }

  @Test
  void everyAgentOptionHasItsVariable() {
    for (CommandLine.Model.OptionSpec option :
        new CommandLine(new AgentCommand()).getCommandSpec().options()) {
      if (option.usageHelp()
          || option.versionHelp()
          || option.longestName().equals(AgentSettings.CONFIG)) {
        continue; // --config names the file; it is not itself expanded
      }
      String variable = AgentSettings.variable(option.longestName());
      String value = option.arity().max() == 0 ? "true" : option.isMultiValue() ? "a,b" : "7";
      String[] expanded = AgentSettings.expand(new String[] {"agent"}, Map.of(variable, value));
      assertTrue(
          List.of(expanded).contains(option.longestName()),
          variable + " gives " + option.longestName());
    }
  }

  @Test
  void otherCommandsAreLeftAlone() {
    String[] args = {"request", "--data", "x"};
    assertArrayEquals(args, AgentSettings.expand(args, Map.of("WAYPOST_DATA", "y")));
  }

  @Test
  void aMistakeInTheConfigFileIsNamed() throws Exception {
    Path config = Files.writeString(dir.resolve("bad.env"), "WAYPOST_NODE_KEY=k\nWAYPOST_PROT=9\n");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> AgentSettings.expand(new String[] {"agent", "--config=" + config}, Map.of()));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    assertTrue(e.getMessage().contains("WAYPOST_PROT=9"), e.getMessage());

    IllegalArgumentException flag =
        assertThrows(
            IllegalArgumentException.class,
            () -> AgentSettings.expand(new String[] {"agent"}, Map.of("WAYPOST_JSON", "yes")));
    assertEquals("WAYPOST_JSON must be true or false, not \"yes\"", flag.getMessage());
  }
}
