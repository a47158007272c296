package io.waypost.app.cli;

import io.waypost.app.cli.Logging.LogLevel;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The root of the command line. Subcommands are thin: they parse, call core, and print. Exit codes:
 * 0 success, 1 the operation failed (the message says why), 2 bad usage (checked before anything is
 * written).
 */
@Command(
    name = "waypost",
    mixinStandardHelpOptions = true,
    versionProvider = WaypostCommand.Version.class,
    description = "Discovered, registry-verified server nodes.",
    footer = {
      "",
      "Exit codes: 0 ok, 1 failure (the message says why), 2 bad usage.",
      "Every command has --help. Logs go to stderr; with --json stdout carries only JSON."
    },
    subcommands = {
      ConsoleCommand.class,
      DevnetCommand.class,
      AgentCommand.class,
      EnrCommand.class,
      DnsCommand.class,
      ClientCommands.Verify.class,
      ClientCommands.Discover.class,
      ClientCommands.Select.class,
      ClientCommands.Request.class,
      DeployCommand.class,
      NetworkCommands.class,
      ProviderCommands.class,
      CuratorCommands.class,
      SupportCommands.Providers.class,
      SupportCommands.Node.class,
      SupportCommands.Ping.class,
      SupportCommands.Resolve.class,
      OwnerCommands.class,
      TxCommands.class,
      SelfCheckCommand.class,
      CommandLine.HelpCommand.class
    })
public final class WaypostCommand implements Callable<Integer> {

  @Option(
      names = "--log-level",
      scope = ScopeType.INHERIT,
      defaultValue = "${env:WAYPOST_LOG_LEVEL:-info}",
      paramLabel = "LEVEL",
      description = "Log level on stderr: ${COMPLETION-CANDIDATES} (env WAYPOST_LOG_LEVEL).")
  void logLevel(LogLevel level) {
    Logging.configure(level);
  }

  @Override
  public Integer call() {
    // No subcommand: open the console, as a double-clicked launcher would.
    return new ConsoleCommand().call();
  }

  /** A command line with Waypost's conventions: clear messages, no stack traces for users. */
  public static CommandLine commandLine() {
    Logging.configure(LogLevel.INFO);
    CommandLine commandLine = new CommandLine(new WaypostCommand());
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    everyCommand(commandLine);
    commandLine.setExecutionExceptionHandler(
        (exception, cmd, parseResult) -> {
          cmd.getErr().println("waypost: " + Errors.describe(exception));
          return 1;
        });
    commandLine.setParameterExceptionHandler(
        (exception, args) -> {
          CommandLine cmd = exception.getCommandLine();
          PrintWriter err = cmd.getErr();
          err.println(cmd.getCommandSpec().qualifiedName() + ": " + exception.getMessage());
          if (!CommandLine.UnmatchedArgumentException.printSuggestions(exception, err)) {
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
          }
          return 2;
        });
    return commandLine;
  }

  /**
   * --help (and --version) on every command and subcommand, with defaults shown: an option's
   * default (from its annotation or the environment) is printed unless its description already says
   * it; options without one show none (not "[]", "0" or "false").
   */
  private static void everyCommand(CommandLine commandLine) {
    CommandSpec spec = commandLine.getCommandSpec();
    spec.usageMessage().showDefaultValues(true);
    for (OptionSpec option : List.copyOf(spec.options())) {
      boolean said =
          String.join(" ", option.description())
              .toLowerCase(java.util.Locale.ROOT)
              .contains("default");
      String value = option.defaultValue();
      boolean none = value == null || value.isEmpty();
      if (none || said || option.usageHelp() || option.versionHelp()) {
        if (option.showDefaultValue() != Help.Visibility.NEVER
            && !option.inherited()
            && option.group() == null) {
          spec.remove(option);
          spec.addOption(option.toBuilder().showDefaultValue(Help.Visibility.NEVER).build());
        }
      }
    }
    for (PositionalParamSpec positional : List.copyOf(spec.positionalParameters())) {
      if (positional.group() == null
          && positional.showDefaultValue() != Help.Visibility.NEVER
          && !positional.inherited()) {
        spec.remove(positional);
        spec.addPositional(positional.toBuilder().showDefaultValue(Help.Visibility.NEVER).build());
      }
    }
    boolean hasHelp = spec.options().stream().anyMatch(OptionSpec::usageHelp);
    if (!hasHelp) {
      spec.mixinStandardHelpOptions(true);
    }
    commandLine.getSubcommands().values().forEach(WaypostCommand::everyCommand);
  }

  /** Reports the version from the jar manifest, or says it is a development build. */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = WaypostCommand.class.getPackage().getImplementationVersion();
      return new String[] {"waypost " + (version == null ? "development build" : version)};
    }
  }
}
