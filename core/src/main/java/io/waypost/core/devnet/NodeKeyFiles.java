package io.waypost.core.devnet;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/**
 * Node keys in files readable only by their owner: 64 hex digits of the secp256k1 private key. Node
 * keys are operational keys (a node needs its key unattended at start), so they are not
 * password-encrypted like account keystores; the file permissions protect them.
 */
public final class NodeKeyFiles {

  private NodeKeyFiles() {}

  /** Reads the key in {@code file}, creating a new random key there first if there is none. */
  public static ECKeyPair loadOrCreate(Path file) throws IOException {
    if (Files.exists(file)) {
      return load(file);
    }
    ECKeyPair key;
    try {
      key = Keys.createEcKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IOException("Cannot generate a node key: " + e.getMessage(), e);
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".node-key-", ".tmp");
    try {
      if (temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      }
      Files.writeString(
          temp,
          Numeric.toHexStringNoPrefixZeroPadded(key.getPrivateKey(), 64) + "\n",
          StandardCharsets.US_ASCII,
          StandardOpenOption.TRUNCATE_EXISTING);
      Files.move(temp, file);
    } finally {
      Files.deleteIfExists(temp);
    }
    return key;
  }

  public static ECKeyPair load(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    String digits = Numeric.cleanHexPrefix(text);
    if (!digits.matches("[0-9a-fA-F]{64}")) {
      throw new IOException(
          "The node key file " + file + " does not hold a key (64 hex digits expected)");
    }
    return ECKeyPair.create(new BigInteger(digits, 16));
  }
}
