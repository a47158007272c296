package io.waypost.app.cli;

import io.waypost.core.model.Address;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Which service, registry and discovery network a client command works against. */
final class NetworkOptions {

  @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ChainOptions chain;

  /** Node lists besides the network's, and the DNS server to read them from. */
  @Mixin DnsOptions dns;

  @Option(names = "--service", required = true, description = "Service name, e.g. mailserver.")
  String service;

  @Option(
      names = "--bootnode",
      converter = Values.RecordValue.class,
      description =
          "A discovery bootnode, enr:... or enode://... (repeatable; added to the network's).")
  List<String> bootnodes = new ArrayList<>();

  @Option(
      names = "--trust",
      converter = Values.AddressValue.class,
      description =
          "A provider address to trust (repeatable); default: your saved choice, else the registry's default provider.")
  List<Address> trust = new ArrayList<>();

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      description = "Address for this client's discovery node.")
  String bind;

  @Option(
      names = "--seconds",
      defaultValue = "15",
      converter = Values.PositiveIntValue.class,
      description =
          "How long to discover at most; answers sooner once the nodes found are probed"
              + " (and, for select and request, one is usable).")
  int seconds;

  @Option(names = "--json", description = "Machine-readable output.")
  boolean json;
}
