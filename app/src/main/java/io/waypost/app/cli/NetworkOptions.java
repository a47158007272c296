package io.waypost.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Which service, registry and discovery network a client command works against. */
final class NetworkOptions {

  @Option(
      names = "--rpc",
      required = true,
      description = "JSON-RPC endpoint of the chain (http(s) or ws(s)).")
  String rpc;

  @Option(
      names = "--chain-id",
      required = true,
      description = "The chain's id (checked on connect).")
  long chainId;

  @Option(names = "--service", required = true, description = "Service name, e.g. mailserver.")
  String service;

  @Option(names = "--registry", required = true, description = "The registry contract's address.")
  String registry;

  @Option(
      names = "--deployment-block",
      defaultValue = "0",
      description = "Block the registry was deployed in.")
  long deploymentBlock;

  @Option(
      names = "--bootnode",
      description = "A discovery bootnode, enr:... or enode://... (repeatable).")
  List<String> bootnodes = new ArrayList<>();

  @Option(
      names = "--trust",
      description =
          "A provider address to trust (repeatable); default: your saved choice, else the registry's default provider.")
  List<String> trust = new ArrayList<>();

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      description = "Address for this client's discovery node.")
  String bind;

  @Option(
      names = "--seconds",
      defaultValue = "15",
      description =
          "How long to discover at most; answers sooner once the nodes found are probed"
              + " (and, for select and request, one is usable).")
  int seconds;

  @Option(names = "--data-dir", description = "Data directory (default: the platform's).")
  Path dataDir;

  @Option(names = "--json", description = "Machine-readable output.")
  boolean json;
}
