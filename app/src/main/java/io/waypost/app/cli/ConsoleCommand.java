package io.waypost.app.cli;

import io.waypost.app.console.ConsoleApp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.application.Application;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Opens the console; it starts the embedded devnet unless told otherwise. */
@Command(name = "console", description = "Open the Waypost console (on the embedded devnet).")
public final class ConsoleCommand implements Callable<Integer> {

  @Option(names = "--data-dir", description = "Data directory (default: the platform's).")
  Path dataDir;

  @Option(
      names = "--persist-devnet",
      description = "Keep the devnet chain in <data dir>/devnet/anvil-state.json across runs.")
  boolean persist;

  @Option(
      names = "--safe-owner",
      description =
          "Hand the embedded devnet's registry to a 2-of-3 Safe of devnet accounts (as `waypost"
              + " devnet --safe-owner` does), to try owner and curator actions through a Safe.")
  boolean safeOwner;

  @Option(
      names = "--dns-server",
      paramLabel = "HOST[:PORT]",
      defaultValue = "${env:WAYPOST_DNS_SERVER}",
      description =
          "DNS server for EIP-1459 node lists (env WAYPOST_DNS_SERVER; default: the system's).")
  String dnsServer;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    List<String> args = new ArrayList<>();
    if (dataDir != null) {
      args.add("--data-dir=" + dataDir.toAbsolutePath());
    }
    args.add("--persist-devnet=" + persist);
    args.add("--safe-owner=" + safeOwner);
    if (dnsServer != null && !dnsServer.isBlank()) {
      try {
        io.waypost.core.discovery.dns.DnsTxtResolver.create(
            java.util.Optional.of(dnsServer), java.time.Duration.ofSeconds(5));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(), "--dns-server: " + e.getMessage());
      }
      args.add("--dns-server=" + dnsServer.strip());
    }
    Application.launch(ConsoleApp.class, args.toArray(String[]::new));
    return 0;
  }
}
