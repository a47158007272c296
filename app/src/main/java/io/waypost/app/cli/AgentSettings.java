package io.waypost.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where the agent's options come from besides the command line, as operators of nwaku or Teku
 * expect: a {@code WAYPOST_*} environment variable for every option ({@code --node-key} is {@code
 * WAYPOST_NODE_KEY}; repeatable ones take a comma-separated list; flags take true or false), and a
 * config file of the same {@code WAYPOST_NAME=value} lines, named by {@code --config} or {@code
 * WAYPOST_CONFIG} — the format systemd's {@code EnvironmentFile} reads, so one file serves both.
 * The command line wins over the environment, which wins over the file.
 */
public final class AgentSettings {

  static final String CONFIG = "--config";
  static final String CONFIG_VARIABLE = "WAYPOST_CONFIG";

  private AgentSettings() {}

  /** The variable for an option: {@code --tcp-port} is {@code WAYPOST_TCP_PORT}. */
  static String variable(String option) {
    return "WAYPOST_" + option.substring(2).toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /**
   * The agent's arguments with what the environment and the config file add; any other command's
   * arguments unchanged.
   *
   * @throws IllegalArgumentException for an unreadable config file, an unknown name in it, or a
   *     flag whose value is neither true nor false
   */
  public static String[] expand(String[] args, Map<String, String> environment) {
    if (args.length == 0 || !args[0].equals("agent")) {
      return args;
    }
    List<String> given = List.of(args).subList(1, args.length);
    if (given.contains("--help") || given.contains("-h")) {
      return args;
    }
    Map<String, OptionSpec> options = new LinkedHashMap<>();
    // The agent as the whole command line sees it: with the options it inherits (--log-level).
    CommandLine agent = WaypostCommand.commandLine().getSubcommands().get("agent");
    for (OptionSpec option : agent.getCommandSpec().options()) {
      if (!option.usageHelp() && !option.versionHelp() && !option.longestName().equals(CONFIG)) {
        options.put(variable(option.longestName()), option);
      }
    }
    Map<String, String> file = configFile(given, environment, options);
    List<String> expanded = new ArrayList<>();
    expanded.add(args[0]);
    options.forEach(
        (variable, option) -> {
          String name = option.longestName();
          boolean onCommandLine =
              given.stream()
                  .anyMatch(a -> List.of(option.names()).contains(a) || a.startsWith(name + "="));
          String value = environment.getOrDefault(variable, file.get(variable));
          if (onCommandLine || value == null) {
            return;
          }
          if (option.arity().max() == 0) {
            if (value.strip().equalsIgnoreCase("true")) {
              expanded.add(name);
            } else if (!value.strip().equalsIgnoreCase("false")) {
              throw new IllegalArgumentException(
                  variable + " must be true or false, not \"" + value + "\"");
            }
          } else if (option.isMultiValue()) {
            for (String item : value.split(",")) {
              if (!item.isBlank()) {
                expanded.add(name);
                expanded.add(item.strip());
              }
            }
          } else {
            expanded.add(name);
            expanded.add(value.strip());
          }
        });
    expanded.addAll(given);
    return expanded.toArray(String[]::new);
  }

  private static Map<String, String> configFile(
      List<String> given, Map<String, String> environment, Map<String, OptionSpec> options) {
    String path = environment.get(CONFIG_VARIABLE);
    for (int i = 0; i < given.size(); i++) {
      if (given.get(i).equals(CONFIG) && i + 1 < given.size()) {
        path = given.get(i + 1);
      } else if (given.get(i).startsWith(CONFIG + "=")) {
        path = given.get(i).substring(CONFIG.length() + 1);
      }
    }
    Map<String, String> values = new LinkedHashMap<>();
    if (path == null) {
      return values;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(Path.of(path));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the config file " + path + ": " + e);
    }
    int number = 0;
    for (String raw : lines) {
      number++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int equals = line.indexOf('=');
      String key = equals < 0 ? line : line.substring(0, equals).strip();
      if (equals < 0 || !options.containsKey(key)) {
        throw new IllegalArgumentException(
            path
                + " line "
                + number
                + ": expected WAYPOST_NAME=value with a name the agent knows (e.g."
                + " WAYPOST_NODE_KEY), got \""
                + line
                + "\"");
      }
      values.put(key, unquote(line.substring(equals + 1).strip()));
    }
    return values;
  }

  private static String unquote(String value) {
    if (value.length() >= 2
        && (value.startsWith("\"") && value.endsWith("\"")
            || value.startsWith("'") && value.endsWith("'"))) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }
}
