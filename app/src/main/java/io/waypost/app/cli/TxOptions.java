package io.waypost.app.cli;

import io.waypost.core.registry.RegistryActions;
import io.waypost.core.registry.TxOutcome;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.web3j.crypto.Credentials;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every command that sends a registry transaction takes: the chain, the signing keystore, the
 * confirmations to wait for and {@code --json}; and how it sends and reports one transaction.
 */
final class TxOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Mixin ChainOptions chain;

  @Mixin SignerOptions signer;

  @Option(
      names = "--confirmations",
      defaultValue = "${env:WAYPOST_CONFIRMATIONS:-1}",
      paramLabel = "N",
      converter = Values.NonNegativeValue.class,
      description =
          "Blocks to wait for, the transaction's own included (env WAYPOST_CONFIRMATIONS).")
  long confirmations;

  @Option(names = "--json", description = "Print the outcome as JSON.")
  boolean json;

  /**
   * Checks the options, unlocks the signer, sends one transaction, waits for it, and prints what
   * happened: exit 0 once it is as deep as asked. A refusal (the contract's error by name) or a
   * failure propagates, to be reported as exit 1.
   */
  int send(
      String action,
      Map<String, Object> details,
      Function<RegistryActions, CompletableFuture<TxOutcome>> send)
      throws Exception {
    chain.check(true);
    signer.check();
    Credentials account = signer.unlock();
    try (ChainContext context = ChainContext.open(chain)) {
      TxOutcome outcome = context.send(account, (int) Math.max(1, confirmations), send);
      print(action, details, account, outcome);
      return 0;
    }
  }

  void print(String action, Map<String, Object> details, Credentials account, TxOutcome outcome) {
    PrintWriter out = mixee.commandLine().getOut();
    if (json) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("action", action);
      result.putAll(details);
      result.put("from", account.getAddress());
      result.put("transactionHash", outcome.hash());
      result.put("block", outcome.blockNumber());
      result.put("gasUsed", outcome.gasUsed());
      result.put("confirmations", Math.max(1, confirmations));
      out.println(Json.write(result));
    } else {
      out.println(
          action
              + " done: block "
              + outcome.blockNumber()
              + ", transaction "
              + outcome.hash()
              + ", gas "
              + outcome.gasUsed());
    }
    out.flush();
  }
}
