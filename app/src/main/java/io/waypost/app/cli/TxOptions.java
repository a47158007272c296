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
      defaultValue = "${env:WAYPOST_CONFIRMATIONS:-0}",
      paramLabel = "N",
      converter = Values.NonNegativeValue.class,
      description =
          "Blocks to wait for on top of the transaction's (0: mined is enough; a network's index"
              + " follows at depth 2) (env WAYPOST_CONFIRMATIONS).")
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
    return send(action, details, (context, as) -> send.apply(as));
  }

  /** A transaction that needs the connected network to be made (e.g. its chain id). */
  @FunctionalInterface
  interface Action {
    CompletableFuture<TxOutcome> send(ChainContext context, RegistryActions as) throws Exception;
  }

  int send(String action, Map<String, Object> details, Action send) throws Exception {
    chain.check(true);
    signer.check();
    Credentials account = signer.unlock();
    try (ChainContext context = ChainContext.open(chain)) {
      TxOutcome outcome = send.send(context, context.as(account)).get();
      ChainContext.awaitDepth(
          context.session().chain().web3j(), outcome.blockNumber(), confirmations());
      print(action, details, account, outcome);
      return 0;
    }
  }

  int confirmations() {
    return (int) Math.min(confirmations, 1000);
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
      result.put("confirmations", confirmations());
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
