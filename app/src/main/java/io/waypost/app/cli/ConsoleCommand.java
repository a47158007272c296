package io.waypost.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Opens the console. */
@Command(name = "console", description = "Open the Waypost console on the embedded devnet.")
public final class ConsoleCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    System.out.println(
        "The Waypost console is not built yet: the registry contract and the build are in place,"
            + " the console comes with a later issue.");
    return 0;
  }
}
