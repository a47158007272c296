package io.waypost.app.cli;

import io.waypost.core.model.Address;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** The registry owner's actions: curators, (two-step) ownership transfer and settings. */
@Command(
    name = "owner",
    description =
        "Act as the registry's owner: add-curator, remove-curator, transfer, accept,"
            + " set-max-proof-validity, set-reapply-cooldown.",
    subcommands = {
      OwnerCommands.AddCurator.class,
      OwnerCommands.RemoveCurator.class,
      OwnerCommands.Transfer.class,
      OwnerCommands.Accept.class,
      OwnerCommands.SetMaxProofValidity.class,
      OwnerCommands.SetReapplyCooldown.class
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

  @Command(
      name = "set-max-proof-validity",
      description =
          "Set the longest validity a node's proof may have when it is sent (1 hour to 30 days).")
  static final class SetMaxProofValidity implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Mixin SafeOptions safe;

    @Parameters(
        index = "0",
        paramLabel = "DURATION",
        converter = Values.MaxProofValidityValue.class,
        description = "A whole number with a unit: 7d, 36h, 90m or 3600s.")
    Duration validity;

    @Override
    public Integer call() throws Exception {
      return safe.run(
          tx,
          "setMaxProofValidity",
          seconds("maxProofValidity", validity),
          as -> as.setMaxProofValidity(validity),
          calls -> calls.setMaxProofValidity(validity));
    }
  }

  @Command(
      name = "set-reapply-cooldown",
      description =
          "Set how long a rejected or withdrawn provider waits before applying again (0 to 365"
              + " days).")
  static final class SetReapplyCooldown implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Mixin SafeOptions safe;

    @Parameters(
        index = "0",
        paramLabel = "DURATION",
        converter = Values.ReapplyCooldownValue.class,
        description = "A whole number with a unit: 30d, 12h, 90m or 0s.")
    Duration cooldown;

    @Override
    public Integer call() throws Exception {
      return safe.run(
          tx,
          "setReapplyCooldown",
          seconds("reapplyCooldown", cooldown),
          as -> as.setReapplyCooldown(cooldown),
          calls -> calls.setReapplyCooldown(cooldown));
    }
  }

  private static Map<String, Object> seconds(String key, Duration value) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put(key + "Seconds", value.toSeconds());
    return details;
  }
}
