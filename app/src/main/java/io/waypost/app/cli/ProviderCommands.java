package io.waypost.app.cli;

import io.waypost.core.model.Address;
import io.waypost.core.model.NodeId;
import io.waypost.core.model.ServiceId;
import io.waypost.core.registry.AgentProofs;
import io.waypost.core.registry.NodeRegistration;
import io.waypost.core.registry.Verification;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A provider's actions from a script: apply, update, withdraw, register nodes, remove one. */
@Command(
    name = "provider",
    description = "Act as a provider: apply, update, withdraw, register, remove-node, nodes.",
    subcommands = {
      ProviderCommands.Apply.class,
      ProviderCommands.Update.class,
      ProviderCommands.Withdraw.class,
      ProviderCommands.Register.class,
      ProviderCommands.RemoveNode.class,
      ProviderCommands.Nodes.class
    })
final class ProviderCommands {

  private ProviderCommands() {}

  /** A provider's public name and contact. */
  static class Profile {
    @Mixin TxOptions tx;

    @Option(names = "--name", required = true, description = "The provider's public name.")
    String name;

    @Option(
        names = "--uri",
        required = true,
        paramLabel = "URI",
        description = "Where curators and users learn more (a contact page).")
    String uri;

    Map<String, Object> details() {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("name", name);
      details.put("metadataUri", uri);
      return details;
    }
  }

  @Command(name = "apply", description = "Apply to become a provider; curators then decide.")
  static final class Apply extends Profile implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      return tx.send("applyAsProvider", details(), as -> as.applyAsProvider(name, uri));
    }
  }

  @Command(
      name = "update",
      description = "Propose a new name or contact; it takes effect when a curator accepts it.")
  static final class Update extends Profile implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      return tx.send("updateProvider", details(), as -> as.updateProvider(name, uri));
    }
  }

  @Command(name = "withdraw", description = "Withdraw as a provider: its nodes stop verifying.")
  static final class Withdraw implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Override
    public Integer call() throws Exception {
      return tx.send("withdrawProvider", new LinkedHashMap<>(), as -> as.withdrawProvider());
    }
  }

  @Command(
      name = "register",
      description =
          "Register nodes from the agents' proofs (their --json output; '-' reads stdin), all in one"
              + " registerNodes transaction.")
  static final class Register implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin TxOptions tx;

    @Parameters(
        arity = "1..*",
        paramLabel = "PROOFS",
        description = "Files of agent output, one JSON document per line, or '-' for stdin.")
    List<String> files = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      List<String> documents = documents();
      Map<String, Object> details = new LinkedHashMap<>();
      return tx.send(
          "registerNodes",
          details,
          (context, as) -> {
            var profile = context.session().profile();
            List<NodeRegistration> registrations = new ArrayList<>();
            for (String document : documents) {
              try {
                registrations.addAll(
                    AgentProofs.parse(
                        document, as.account(), profile.registry(), profile.chainId()));
              } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "PROOFS: " + e.getMessage());
              }
            }
            details.put("registrations", registrations.size());
            details.put(
                "nodes",
                registrations.stream()
                    .map(r -> NodeId.fromPublicKey(r.publicKey()).toString())
                    .distinct()
                    .toList());
            return registrations.size() == 1
                ? as.registerNode(registrations.get(0))
                : as.registerNodes(registrations);
          });
    }

    /** Every agent document given, checked to be there before anything is opened. */
    private List<String> documents() {
      List<String> out = new ArrayList<>();
      for (String file : files) {
        String text;
        try {
          text =
              file.equals("-")
                  ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                  : Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new ParameterException(
              spec.commandLine(), "PROOFS: cannot read " + file + ": " + Errors.describe(e));
        }
        text.lines().map(String::strip).filter(l -> l.startsWith("{")).forEach(out::add);
      }
      if (out.isEmpty()) {
        throw new ParameterException(
            spec.commandLine(),
            "PROOFS: no agent output found (run `waypost agent ... --provider ... --json`)");
      }
      return out;
    }
  }

  @Command(name = "remove-node", description = "Remove one of the provider's nodes for a service.")
  static final class RemoveNode implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin TxOptions tx;

    @Parameters(index = "0", paramLabel = "NODE_ID", description = "The node's id (0x + 64 hex).")
    String node;

    @Option(names = "--service", required = true, description = "The service, e.g. mailserver.")
    String service;

    @Override
    public Integer call() throws Exception {
      NodeId id = nodeId(spec, node);
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("nodeId", id.toString());
      details.put("service", service);
      return tx.send("removeNode", details, as -> as.removeNode(id, ServiceId.of(service)));
    }
  }

  @Command(
      name = "nodes",
      description = "A provider's registered nodes, each with the registry's verdict now.")
  static final class Nodes implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ChainOptions chain;

    @Option(
        names = "--provider",
        required = true,
        converter = Values.AddressValue.class,
        description = "The provider's address.")
    Address provider;

    @Option(names = "--json", description = "Print the list as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      try (ChainContext context = ChainContext.open(chain)) {
        context.session().indexer().syncOnce();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (var node : context.session().view().nodes()) {
          if (!node.provider().equals(provider)) {
            continue;
          }
          Verification v = context.registry().verify(node.nodeId(), node.serviceId()).get();
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("nodeId", node.nodeId().toString());
          row.put(
              "service",
              context
                  .session()
                  .view()
                  .services()
                  .getOrDefault(node.serviceId(), node.serviceId().toString()));
          row.put("registeredInBlock", node.block());
          row.put("trusted", v.trusted());
          row.put("providerStatus", v.providerStatus().name());
          rows.add(row);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          out.println(Json.write(rows));
        } else if (rows.isEmpty()) {
          out.println("No nodes indexed for " + provider.checksummed() + ".");
        } else {
          rows.forEach(
              r ->
                  out.printf(
                      "%s  %-18s %s (provider %s)%n",
                      r.get("nodeId"),
                      r.get("service"),
                      (Boolean) r.get("trusted") ? "TRUSTED" : "UNTRUSTED",
                      r.get("providerStatus")));
        }
        return 0;
      }
    }
  }

  static NodeId nodeId(CommandSpec spec, String text) {
    // Exactly 32 bytes: a shorter id would be left-padded into some other node's id.
    if (text == null || !text.matches("(0x)?[0-9a-fA-F]{64}")) {
      throw new ParameterException(
          spec.commandLine(), "NODE_ID: '" + text + "' is not a node id (0x + 64 hex digits)");
    }
    return NodeId.fromHex(text.startsWith("0x") ? text : "0x" + text);
  }
}
