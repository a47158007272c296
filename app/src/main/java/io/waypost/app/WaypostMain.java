package io.waypost.app;

import io.waypost.app.cli.AgentSettings;
import io.waypost.app.cli.ArgumentLimit;
import io.waypost.app.cli.WaypostCommand;

/** Entry point of the {@code waypost} launcher: the console and the command line. */
public final class WaypostMain {

  private WaypostMain() {}

  public static void main(String[] args) {
    // Before anything touches java.util.logging (Logging's own fields do): see KeepOpenLogManager.
    System.setProperty(
        "java.util.logging.manager", "io.waypost.app.cli.Logging$KeepOpenLogManager");
    String[] expanded;
    try {
      ArgumentLimit.check(args);
      // The agent's options may also come from WAYPOST_* variables and its config file.
      expanded = AgentSettings.expand(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("waypost: " + e.getMessage());
      System.exit(2);
      return;
    }
    System.exit(WaypostCommand.commandLine().execute(expanded));
  }
}
