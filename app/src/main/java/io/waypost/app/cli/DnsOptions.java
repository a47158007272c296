package io.waypost.app.cli;

import io.waypost.core.discovery.dns.DnsTxtResolver;
import io.waypost.core.discovery.dns.EnrTreeClient;
import io.waypost.core.discovery.dns.EnrTreeException;
import io.waypost.core.discovery.dns.EnrTreeUrl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Where EIP-1459 node lists are read from: the trees and the DNS server to ask. */
final class DnsOptions {

  @Option(
      names = "--enrtree",
      paramLabel = "enrtree://KEY@DOMAIN",
      description =
          "An EIP-1459 node list to read over DNS (repeatable; added to the network's); every"
              + " node in it is verified against the registry.")
  List<String> trees = new ArrayList<>();

  @Option(
      names = "--dns-server",
      paramLabel = "HOST[:PORT]",
      defaultValue = "${env:WAYPOST_DNS_SERVER}",
      description = "DNS server for node lists (env WAYPOST_DNS_SERVER; default: the system's).")
  String server;

  /** The trees, parsed; a bad URL is a usage error naming it. */
  List<EnrTreeUrl> urls(CommandSpec spec) {
    List<EnrTreeUrl> urls = new ArrayList<>();
    for (String tree : trees) {
      try {
        urls.add(EnrTreeUrl.parse(tree));
      } catch (EnrTreeException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--enrtree: " + e.getMessage());
      }
    }
    return urls;
  }

  EnrTreeClient client(CommandSpec spec) {
    return new EnrTreeClient(resolver(spec), EnrTreeClient.Limits.defaults());
  }

  /** The DNS server to ask; a bad --dns-server is a usage error naming it. */
  DnsTxtResolver resolver(CommandSpec spec) {
    try {
      return DnsTxtResolver.create(Optional.ofNullable(server), Duration.ofSeconds(5));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--dns-server: " + e.getMessage());
    }
  }
}
