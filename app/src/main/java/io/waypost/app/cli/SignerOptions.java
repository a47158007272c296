package io.waypost.app.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;
import org.web3j.crypto.exception.CipherException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The account that signs: an encrypted keystore (web3j, geth and cast write the same format). The
 * password comes from a file, the environment or a prompt; never from a flag's value, which any
 * user could read in {@code ps}.
 */
final class SignerOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--keystore",
      defaultValue = "${env:WAYPOST_KEYSTORE}",
      paramLabel = "FILE",
      converter = Values.ReadableFile.class,
      description = "Encrypted keystore (JSON) of the signing account (env WAYPOST_KEYSTORE).")
  Path keystore;

  @Option(
      names = "--password-file",
      defaultValue = "${env:WAYPOST_PASSWORD_FILE}",
      paramLabel = "FILE",
      converter = Values.ReadableFile.class,
      description =
          "File holding the keystore's password (env WAYPOST_PASSWORD_FILE); else env"
              + " WAYPOST_PASSWORD; else it is asked for.")
  Path passwordFile;

  /** Checks a keystore is named; called before anything is opened. */
  void check() {
    if (keystore == null) {
      throw new ParameterException(
          mixee.commandLine(), "--keystore FILE is needed to sign (or set WAYPOST_KEYSTORE)");
    }
  }

  /** Unlocks the keystore; a wrong password or a damaged file is a failure saying which. */
  Credentials unlock() {
    check();
    String password = password();
    try {
      return WalletUtils.loadCredentials(password, keystore.toFile());
    } catch (CipherException e) {
      throw new IllegalStateException(
          "the password does not unlock the keystore " + keystore + " (" + e.getMessage() + ")");
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          keystore + " is not an encrypted keystore: " + Errors.describe(e));
    }
  }

  /** The keystore's password: from the file, the environment, or asked for. */
  String password() {
    if (passwordFile != null) {
      try {
        // A trailing newline is the editor's, not the password's.
        return Files.readString(passwordFile, StandardCharsets.UTF_8).stripTrailing();
      } catch (IOException e) {
        throw new ParameterException(
            mixee.commandLine(),
            "--password-file: cannot read " + passwordFile + ": " + Errors.describe(e));
      }
    }
    String fromEnv = System.getenv("WAYPOST_PASSWORD");
    if (fromEnv != null) {
      return fromEnv;
    }
    Console console = System.console();
    if (console == null) {
      throw new ParameterException(
          mixee.commandLine(),
          "no password for the keystore: give --password-file FILE or set WAYPOST_PASSWORD (there"
              + " is no terminal to ask on)");
    }
    char[] typed = console.readPassword("Password for %s: ", keystore);
    if (typed == null) {
      throw new ParameterException(mixee.commandLine(), "no password given");
    }
    return new String(typed);
  }
}
