package io.waypost.app;

/** Entry point of the {@code waypost} launcher: the console, and later the command line. */
public final class WaypostMain {

  private WaypostMain() {}

  public static void main(String[] args) {
    String command = args.length == 0 ? "console" : args[0];
    switch (command) {
      case "console" ->
          System.out.println(
              "The Waypost console is not built yet: the registry contract and the build are in"
                  + " place, the console comes with a later issue.");
      case "--version", "version" -> System.out.println("waypost " + version());
      default -> {
        System.err.println(
            "waypost: unknown command '" + command + "'. Commands: console, version");
        System.exit(2);
      }
    }
  }

  static String version() {
    String version = WaypostMain.class.getPackage().getImplementationVersion();
    return version == null ? "development build" : version;
  }
}
