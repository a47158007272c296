package io.waypost.app.cli;

import io.waypost.core.model.Address;
import io.waypost.core.model.ProviderStatus;
import io.waypost.core.model.ServiceId;
import io.waypost.core.registry.ProviderRecord;
import java.io.PrintWriter;
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

/** A curator's decisions on providers, from a script or a runbook: the Curator screen's actions. */
@Command(
    name = "curator",
    description =
        "Act as a curator: decide on providers and their metadata updates, add services, remove a"
            + " node's registration; list what is pending.",
    subcommands = {
      CuratorCommands.Approve.class,
      CuratorCommands.Reject.class,
      CuratorCommands.Suspend.class,
      CuratorCommands.Reinstate.class,
      CuratorCommands.AcceptUpdate.class,
      CuratorCommands.DeclineUpdate.class,
      CuratorCommands.AddService.class,
      CuratorCommands.RemoveNode.class,
      CuratorCommands.Pending.class
    })
final class CuratorCommands {

  private CuratorCommands() {}

  /** The provider a decision is about, and why. */
  static class Decision {
    @Mixin TxOptions tx;

    @Mixin SafeOptions safe;

    @Parameters(
        index = "0",
        paramLabel = "PROVIDER",
        converter = Values.AddressValue.class,
        description = "The provider's address.")
    Address provider;

    @Option(
        names = "--reason",
        defaultValue = "",
        paramLabel = "TEXT",
        description = "Why, for the provider and the audit trail (recorded on chain).")
    String reason;

    Map<String, Object> details() {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("provider", provider.checksummed());
      details.put("reason", reason);
      return details;
    }
  }

  @Command(name = "approve", description = "Approve a pending provider: its nodes become trusted.")
  static final class Approve extends Decision implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      return safe.run(
          tx,
          "approveProvider",
          details(),
          as -> as.approveProvider(provider),
          calls -> calls.approveProvider(provider));
    }
  }

  @Command(name = "reject", description = "Reject a pending provider's application.")
  static final class Reject extends Decision implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      return safe.run(
          tx,
          "rejectProvider",
          details(),
          as -> as.rejectProvider(provider, reason),
          calls -> calls.rejectProvider(provider, reason));
    }
  }

  @Command(
      name = "suspend",
      description = "Suspend an approved provider: its nodes stop verifying.")
  static final class Suspend extends Decision implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      return safe.run(
          tx,
          "suspendProvider",
          details(),
          as -> as.suspendProvider(provider, reason),
          calls -> calls.suspendProvider(provider, reason));
    }
  }

  @Command(name = "reinstate", description = "Reinstate a suspended provider.")
  static final class Reinstate extends Decision implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      return safe.run(
          tx,
          "reinstateProvider",
          details(),
          as -> as.reinstateProvider(provider, reason),
          calls -> calls.reinstateProvider(provider, reason));
    }
  }

  @Command(
      name = "accept-update",
      description =
          "Accept an approved provider's proposed name and URI (the ones pending now, as shown by"
              + " `waypost providers`); a proposal replaced meanwhile is refused.")
  static final class AcceptUpdate extends Decision implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      tx.chain.check(true);
      io.waypost.core.registry.ProviderUpdate update;
      try (ChainContext context = ChainContext.open(tx.chain)) {
        update =
            context
                .registry()
                .pendingUpdate(provider)
                .get()
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            provider.checksummed() + " has no pending metadata update"));
      }
      Map<String, Object> details = details();
      details.put("name", update.name());
      details.put("metadataUri", update.metadataUri());
      return safe.run(
          tx,
          "acceptProviderUpdate",
          details,
          as -> as.acceptProviderUpdate(provider, update.name(), update.metadataUri()),
          calls -> calls.acceptProviderUpdate(provider, update.name(), update.metadataUri()));
    }
  }

  @Command(
      name = "decline-update",
      description = "Decline an approved provider's proposed name and URI (--reason says why).")
  static final class DeclineUpdate extends Decision implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      return safe.run(
          tx,
          "declineProviderUpdate",
          details(),
          as -> as.declineProviderUpdate(provider, reason),
          calls -> calls.declineProviderUpdate(provider, reason));
    }
  }

  @Command(
      name = "add-service",
      description = "Add a service to the registry's catalogue (e.g. push-notification).")
  static final class AddService implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin TxOptions tx;
    @Mixin SafeOptions safe;

    @Parameters(index = "0", paramLabel = "NAME", description = "The service's name.")
    String name;

    @Override
    public Integer call() throws Exception {
      String checked = serviceName(spec, name);
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("service", checked);
      details.put("serviceId", ServiceId.of(checked).toString());
      return safe.run(
          tx,
          "addService",
          details,
          as -> as.addService(checked),
          calls -> calls.addService(checked));
    }
  }

  @Command(
      name = "remove-node",
      description =
          "Remove a node's registration for a service, whoever its provider (a curator's"
              + " takedown).")
  static final class RemoveNode implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin TxOptions tx;
    @Mixin SafeOptions safe;

    @Parameters(index = "0", paramLabel = "NODE_ID", description = "The node's id (0x + 64 hex).")
    String node;

    @Option(
        names = "--service",
        required = true,
        paramLabel = "NAME",
        description = "The service the registration is for.")
    String service;

    @Override
    public Integer call() throws Exception {
      io.waypost.core.model.NodeId id = ProviderCommands.nodeId(spec, node);
      ServiceId serviceId = ServiceId.of(serviceName(spec, service));
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("nodeId", id.toString());
      details.put("service", service);
      return safe.run(
          tx,
          "removeNode",
          details,
          as -> as.removeNode(id, serviceId),
          calls -> calls.removeNode(id, serviceId));
    }
  }

  /** A service name as the registry takes it: 1 to 64 bytes; lower case, digits and '-' here. */
  static String serviceName(CommandSpec spec, String text) {
    if (text == null || !text.matches("[a-z0-9][a-z0-9-]{0,63}")) {
      throw new ParameterException(
          spec.commandLine(),
          "NAME: '"
              + text
              + "' is not a service name (1 to 64 lower-case letters, digits and '-', e.g."
              + " mailserver)");
    }
    return text;
  }

  @Command(name = "pending", description = "List the providers waiting for a decision.")
  static final class Pending implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ChainOptions chain;

    @Option(names = "--json", description = "Print the list as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      try (ChainContext context = ChainContext.open(chain)) {
        List<ProviderRecord> pending =
            context.providers().stream().filter(p -> p.status() == ProviderStatus.PENDING).toList();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          out.println(Json.write(pending.stream().map(CuratorCommands::json).toList()));
        } else if (pending.isEmpty()) {
          out.println("No provider is waiting for a decision.");
        } else {
          for (ProviderRecord p : pending) {
            out.printf(
                "%s  %s  %s  applied %s%n",
                p.address().checksummed(), p.name(), p.metadataUri(), p.appliedAt());
          }
        }
        return 0;
      }
    }
  }

  static Map<String, Object> json(ProviderRecord p) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("address", p.address().checksummed());
    out.put("name", p.name());
    out.put("metadataUri", p.metadataUri());
    out.put("status", p.status().name());
    out.put("appliedAt", p.appliedAt().toString());
    out.put("updatedAt", p.updatedAt().toString());
    return out;
  }
}
