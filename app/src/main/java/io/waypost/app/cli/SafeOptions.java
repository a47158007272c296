package io.waypost.app.cli;

import io.waypost.core.model.Address;
import io.waypost.core.registry.RegistryActions;
import io.waypost.core.registry.TxOutcome;
import io.waypost.core.safe.RegistryCalls;
import io.waypost.core.safe.SafeAccount;
import io.waypost.core.safe.SafeCall;
import io.waypost.core.safe.TransactionBuilderBatch;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;
import org.web3j.crypto.exception.CipherException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --safe}: a curator or owner action made by a Safe (a multisig) instead of the signing
 * account. Either exported as a Safe Transaction Builder batch for the owners to sign in their own
 * wallets, or executed here with the keystores of enough owners (the signing account pays).
 */
final class SafeOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--safe",
      defaultValue = "${env:WAYPOST_SAFE}",
      paramLabel = "ADDRESS",
      converter = Values.AddressValue.class,
      description =
          "Act as this Safe (multisig) instead of the signing account: with --safe-export or"
              + " --safe-owner (env WAYPOST_SAFE).")
  Address safe;

  @Option(
      names = "--safe-export",
      paramLabel = "FILE",
      description =
          "Write the action as a Safe Transaction Builder batch (JSON; '-' for standard output)"
              + " and send nothing: import it in the Safe app, where the owners sign it.")
  String export;

  @Option(
      names = "--safe-owner",
      paramLabel = "KEYSTORE",
      converter = Values.ReadableFile.class,
      description =
          "Keystore of a Safe owner who signs; repeat up to the Safe's threshold. The signing"
              + " account (--keystore) sends and pays.")
  List<Path> owners = new ArrayList<>();

  @Option(
      names = "--safe-owner-password-file",
      paramLabel = "FILE",
      converter = Values.ReadableFile.class,
      description =
          "File holding the owners' keystore password (one for all); else the signing"
              + " account's password (--password-file, WAYPOST_PASSWORD).")
  Path ownerPasswordFile;

  /**
   * Runs the action: sent by the signing account as usual without {@code --safe}; otherwise
   * exported or executed through the Safe.
   */
  int run(
      TxOptions tx,
      String action,
      Map<String, Object> details,
      Function<RegistryActions, CompletableFuture<TxOutcome>> send,
      Function<RegistryCalls, SafeCall> call)
      throws Exception {
    if (safe == null) {
      if (export != null || !owners.isEmpty()) {
        throw usage("--safe-export and --safe-owner need --safe ADDRESS (the Safe that acts)");
      }
      return tx.send(action, details, send);
    }
    if (export != null && !owners.isEmpty()) {
      throw usage("choose one: --safe-export FILE (owners sign in the Safe app) or --safe-owner");
    }
    if (export == null && owners.isEmpty()) {
      throw usage(
          "--safe needs --safe-export FILE (a batch for the Safe app) or --safe-owner KEYSTORE"
              + " (repeat for each owner who signs here)");
    }
    return export != null
        ? exportBatch(tx, action, details, call)
        : execute(tx, action, details, call);
  }

  private int exportBatch(
      TxOptions tx,
      String action,
      Map<String, Object> details,
      Function<RegistryCalls, SafeCall> call)
      throws Exception {
    try (ChainContext context = ChainContext.open(tx.chain)) {
      SafeAccount account = new SafeAccount(context.session().chain(), safe);
      int threshold = account.threshold(); // also: is there a Safe at all?
      SafeCall made = call.apply(new RegistryCalls(context.registry().address()));
      String json =
          TransactionBuilderBatch.toJson(
              context.session().chain().chainId(),
              safe,
              "Waypost: " + action,
              List.of(made),
              Instant.now());
      PrintWriter out = mixee.commandLine().getOut();
      if (export.equals("-")) {
        out.print(json);
        out.flush();
        return 0;
      }
      TransactionBuilderBatch.write(Path.of(export), json);
      if (tx.json) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("action", action);
        result.putAll(details);
        result.put("safe", safe.checksummed());
        result.put("batch", export);
        result.put("threshold", threshold);
        out.println(Json.write(result));
      } else {
        out.println(
            "Wrote "
                + export
                + ": "
                + made.description()
                + " for the Safe "
                + safe.checksummed()
                + " ("
                + threshold
                + " signatures needed). Import it in the Safe app's Transaction Builder.");
      }
      out.flush();
      return 0;
    }
  }

  private int execute(
      TxOptions tx,
      String action,
      Map<String, Object> details,
      Function<RegistryCalls, SafeCall> call)
      throws Exception {
    tx.signer.check();
    Credentials sender = tx.signer.unlock();
    List<Credentials> keys = new ArrayList<>();
    for (Path owner : owners) {
      keys.add(unlock(owner, tx));
    }
    try (ChainContext context = ChainContext.open(tx.chain)) {
      SafeAccount account = new SafeAccount(context.session().chain(), safe);
      SafeCall made = call.apply(new RegistryCalls(context.registry().address()));
      PrintWriter err = mixee.commandLine().getErr();
      err.println("Executing through the Safe " + safe.checksummed() + ": " + made.description());
      TxOutcome outcome =
          account.execute(
              List.of(made),
              Optional.empty(),
              keys,
              sender,
              p -> {
                err.println("  " + p.message());
                err.flush();
              });
      ChainContext.awaitDepth(
          context.session().chain().web3j(), outcome.blockNumber(), tx.confirmations());
      Map<String, Object> all = new LinkedHashMap<>(details);
      all.put("safe", safe.checksummed());
      tx.print(action, all, sender, outcome);
      return 0;
    }
  }

  private Credentials unlock(Path keystore, TxOptions tx) {
    String password;
    try {
      password =
          ownerPasswordFile != null
              ? Files.readString(ownerPasswordFile, StandardCharsets.UTF_8).stripTrailing()
              : tx.signer.password();
    } catch (IOException e) {
      throw usage(
          "--safe-owner-password-file: cannot read "
              + ownerPasswordFile
              + ": "
              + Errors.describe(e));
    }
    try {
      return WalletUtils.loadCredentials(password, keystore.toFile());
    } catch (CipherException e) {
      throw new IllegalStateException(
          "the password does not unlock the Safe owner's keystore " + keystore);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          keystore + " is not an encrypted keystore: " + Errors.describe(e));
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(mixee.commandLine(), message);
  }
}
