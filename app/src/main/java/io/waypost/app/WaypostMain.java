package io.waypost.app;

import io.waypost.app.cli.WaypostCommand;

/** Entry point of the {@code waypost} launcher: the console and the command line. */
public final class WaypostMain {

  private WaypostMain() {}

  public static void main(String[] args) {
    System.exit(WaypostCommand.commandLine().execute(args));
  }
}
