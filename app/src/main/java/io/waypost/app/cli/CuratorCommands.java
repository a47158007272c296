package io.waypost.app.cli;

import io.waypost.core.model.Address;
import io.waypost.core.model.ProviderStatus;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A curator's decisions on providers, from a script or a runbook: the Curator screen's actions. */
@Command(
    name = "curator",
    description = "Decide on providers as a curator: approve, reject, suspend, reinstate, pending.",
    subcommands = {
      CuratorCommands.Approve.class,
      CuratorCommands.Reject.class,
      CuratorCommands.Suspend.class,
      CuratorCommands.Reinstate.class,
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
