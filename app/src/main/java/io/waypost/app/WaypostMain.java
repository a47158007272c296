package io.waypost.app;

import io.waypost.app.cli.WaypostCommand;

/** Entry point of the {@code waypost} launcher: the console and the command line. */
public final class WaypostMain {

  private WaypostMain() {}

  public static void main(String[] args) {
    // Before anything touches java.util.logging (Logging's own fields do): see KeepOpenLogManager.
    System.setProperty(
        "java.util.logging.manager", "io.waypost.app.cli.Logging$KeepOpenLogManager");
    System.exit(WaypostCommand.commandLine().execute(args));
  }
}
