package io.waypost.app.cli;

import io.waypost.core.model.Address;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** The registry owner's actions: curators and (two-step) ownership transfer. */
@Command(
    name = "owner",
    description = "Act as the registry's owner: add-curator, remove-curator, transfer, accept.",
    subcommands = {
      OwnerCommands.AddCurator.class,
      OwnerCommands.RemoveCurator.class,
      OwnerCommands.Transfer.class,
      OwnerCommands.Accept.class
    })
final class OwnerCommands {

  private OwnerCommands() {}

  /** An owner action about one account. */
  static class AboutAccount {
    @Mixin TxOptions tx;

    @Mixin SafeOptions safe;

    @Parameters(
        index = "0",
        paramLabel = "ADDRESS",
        converter = Values.AddressValue.class,
        description = "The account.")
    Address account;

    Map<String, Object> details(String key) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put(key, account.checksummed());
      return details;
    }
  }

  @Command(name = "add-curator", description = "Make an account a curator.")
  static final class AddCurator extends AboutAccount implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      return safe.run(
          tx,
          "addCurator",
          details("curator"),
          as -> as.addCurator(account),
          calls -> calls.addCurator(account));
    }
  }

  @Command(name = "remove-curator", description = "Take an account's curator role away.")
  static final class RemoveCurator extends AboutAccount implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      return safe.run(
          tx,
          "removeCurator",
          details("curator"),
          as -> as.removeCurator(account),
          calls -> calls.removeCurator(account));
    }
  }

  @Command(
      name = "transfer",
      description = "Offer the ownership to an account; it becomes owner when it accepts.")
  static final class Transfer extends AboutAccount implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      return safe.run(
          tx,
          "transferOwnership",
          details("pendingOwner"),
          as -> as.transferOwnership(account),
          calls -> calls.transferOwnership(account));
    }
  }

  @Command(name = "accept", description = "Accept the ownership offered to the signing account.")
  static final class Accept implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Mixin SafeOptions safe;

    @Override
    public Integer call() throws Exception {
      return safe.run(
          tx,
          "acceptOwnership",
          new LinkedHashMap<>(),
          as -> as.acceptOwnership(),
          calls -> calls.acceptOwnership());
    }
  }
}
