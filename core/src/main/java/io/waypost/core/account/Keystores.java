package io.waypost.core.account;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.waypost.core.model.Address;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.MnemonicUtils;
import org.web3j.crypto.Wallet;
import org.web3j.crypto.WalletFile;
import org.web3j.crypto.exception.CipherException;
import org.web3j.utils.Numeric;

/**
 * Accounts kept as encrypted JSON keystores (the web3j / geth format) in one folder. Private keys
 * are only ever written encrypted; passwords are never stored. A keystore is written to a temporary
 * file and moved into place, so a failure leaves no half-written file.
 */
public final class Keystores {

  /** How hard scrypt works: Standard for real keys; Light keeps tests and devnets quick. */
  public enum Strength {
    STANDARD,
    LIGHT
  }

  /** A keystore on disk. */
  public record Keystore(Address address, Path file) {}

  /** BIP-44 path of the first Ethereum account: m/44'/60'/0'/0/index. */
  private static final int HARDENED = 0x80000000;

  private final Path folder;
  private final Strength strength;
  private final ObjectMapper json = new ObjectMapper();

  public Keystores(Path folder, Strength strength) {
    this.folder = folder;
    this.strength = strength;
  }

  public Path folder() {
    return folder;
  }

  public List<Keystore> list() {
    List<Keystore> found = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return found;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.json")) {
      for (Path file : files) {
        try {
          WalletFile wallet = json.readValue(file.toFile(), WalletFile.class);
          found.add(new Keystore(Address.of("0x" + wallet.getAddress()), file));
        } catch (IOException | RuntimeException unreadable) {
          // Not a keystore (or damaged): unlocking it would say why; listing skips it.
        }
      }
    } catch (IOException e) {
      throw new AccountException(
          "Cannot list the keystores in " + folder + ": " + e.getMessage(), e);
    }
    return found;
  }

  /** Creates an account with a new random key. */
  public Keystore create(String password) {
    try {
      return write(Keys.createEcKeyPair(), password);
    } catch (java.security.GeneralSecurityException e) {
      throw new AccountException("Cannot generate a key: " + e.getMessage(), e);
    }
  }

  /** Imports a private key given as 64 hex digits (with or without 0x). */
  public Keystore importPrivateKey(String hexKey, String password) {
    String digits = hexKey == null ? "" : Numeric.cleanHexPrefix(hexKey.strip());
    if (!digits.matches("[0-9a-fA-F]{64}")) {
      throw new AccountException(
          "A private key is 64 hex digits (optionally after 0x); this is not one");
    }
    BigInteger key = new BigInteger(digits, 16);
    if (key.signum() == 0 || key.compareTo(Sign.CURVE_ORDER) >= 0) {
      throw new AccountException("That private key is outside the secp256k1 range");
    }
    return write(ECKeyPair.create(key), password);
  }

  /** Imports account {@code index} of a BIP-39 mnemonic on the standard Ethereum path. */
  public Keystore importMnemonic(
      String mnemonic, String mnemonicPassphrase, int index, String password) {
    String words =
        mnemonic == null ? "" : mnemonic.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    if (!MnemonicUtils.validateMnemonic(words)) {
      throw new AccountException(
          "That is not a valid BIP-39 mnemonic (check the words and their order)");
    }
    if (index < 0) {
      throw new AccountException("The account index must not be negative");
    }
    byte[] seed =
        MnemonicUtils.generateSeed(words, mnemonicPassphrase == null ? "" : mnemonicPassphrase);
    Bip32ECKeyPair master = Bip32ECKeyPair.generateKeyPair(seed);
    int[] path = {44 | HARDENED, 60 | HARDENED, HARDENED, 0, index};
    return write(Bip32ECKeyPair.deriveKeyPair(master, path), password);
  }

  /** Unlocks an account for this session. */
  public Credentials unlock(Keystore keystore, String password) {
    WalletFile wallet;
    try {
      wallet = json.readValue(keystore.file().toFile(), WalletFile.class);
    } catch (IOException e) {
      throw new AccountException(
          "The keystore file "
              + keystore.file()
              + " is not a valid encrypted keystore: "
              + e.getMessage(),
          e);
    }
    try {
      return Credentials.create(Wallet.decrypt(password, wallet));
    } catch (CipherException e) {
      String message = String.valueOf(e.getMessage());
      if (message.toLowerCase(Locale.ROOT).contains("password")) {
        throw new AccountException(
            "The password does not unlock the keystore of " + keystore.address(), e);
      }
      throw new AccountException(
          "The keystore file " + keystore.file() + " is damaged: " + message, e);
    } catch (RuntimeException e) {
      throw new AccountException(
          "The keystore file " + keystore.file() + " is damaged: " + e.getMessage(), e);
    }
  }

  private Keystore write(ECKeyPair key, String password) {
    if (password == null || password.isEmpty()) {
      throw new AccountException("A keystore needs a password");
    }
    Address address = Address.of("0x" + Keys.getAddress(key));
    for (Keystore existing : list()) {
      if (existing.address().equals(address)) {
        throw new AccountException("There is already a keystore for " + address);
      }
    }
    Path temp = null;
    try {
      WalletFile wallet =
          strength == Strength.STANDARD
              ? Wallet.createStandard(password, key)
              : Wallet.createLight(password, key);
      Files.createDirectories(folder);
      temp = Files.createTempFile(folder, ".keystore-", ".tmp");
      restrictToOwner(temp);
      json.writeValue(temp.toFile(), wallet);
      Path target = folder.resolve(address.value() + ".json");
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target);
      }
      return new Keystore(address, target);
    } catch (CipherException | IOException e) {
      throw new AccountException("Cannot write the keystore: " + e.getMessage(), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // best effort; the file holds only encrypted data
        }
      }
    }
  }

  static void restrictToOwner(Path file) throws IOException {
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
  }

  /** secp256k1's group order. */
  private static final class Sign {
    static final BigInteger CURVE_ORDER =
        new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
  }
}
