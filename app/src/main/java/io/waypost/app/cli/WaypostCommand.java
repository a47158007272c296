package io.waypost.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The root of the command line. Subcommands are thin: they parse, call core, and print. Exit codes:
 * 0 success, 1 the operation failed (the message says why), 2 bad usage.
 */
@Command(
    name = "waypost",
    mixinStandardHelpOptions = true,
    versionProvider = WaypostCommand.Version.class,
    description = "Discovered, registry-verified server nodes.",
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
      SelfCheckCommand.class,
      CommandLine.HelpCommand.class
    })
public final class WaypostCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    // No subcommand: open the console, as a double-clicked launcher would.
    return new ConsoleCommand().call();
  }

  /** A command line with Waypost's conventions: clear messages, no stack traces for users. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new WaypostCommand());
    commandLine.setExecutionExceptionHandler(
        (exception, cmd, parseResult) -> {
          cmd.getErr().println("waypost: " + exception.getMessage());
          return 1;
        });
    return commandLine;
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
