package io.waypost.core.discovery;

import io.waypost.core.model.NodeId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.ethereum.beacon.discovery.crypto.DefaultSigner;
import org.ethereum.beacon.discovery.crypto.Signer;
import org.ethereum.beacon.discovery.util.Functions;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * A node's secp256k1 key: its discv5 identity (node id, ENR signature) and the key that signs the
 * registry's proof of possession and probe answers. The secret never leaves this class except to
 * the key file.
 */
public final class NodeKey {

  private static final BigInteger CURVE_ORDER =
      new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private final Bytes32 secret;
  private final ECKeyPair keyPair;

  private NodeKey(Bytes32 secret) {
    BigInteger d = secret.toUnsignedBigInteger();
    if (d.signum() == 0 || d.compareTo(CURVE_ORDER) >= 0) {
      throw new IllegalArgumentException("Not a valid secp256k1 private key");
    }
    Crypto.ensureProvider();
    this.secret = secret;
    this.keyPair = ECKeyPair.create(d);
  }

  public static NodeKey fromSecret(Bytes32 secret) {
    return new NodeKey(Objects.requireNonNull(secret, "secret"));
  }

  public static NodeKey generate(SecureRandom random) {
    while (true) {
      byte[] candidate = new byte[32];
      random.nextBytes(candidate);
      BigInteger d = new BigInteger(1, candidate);
      if (d.signum() > 0 && d.compareTo(CURVE_ORDER) < 0) {
        return new NodeKey(Bytes32.wrap(candidate));
      }
    }
  }

  /**
   * Loads the key at {@code file}, or creates it (owner read/write only) if absent. Refuses a key
   * file that others can read: a leaked node key lets anyone impersonate a registered node.
   */
  public static NodeKey loadOrCreate(Path file, SecureRandom random) {
    try {
      if (Files.exists(file)) {
        return load(file);
      }
      NodeKey key = generate(random);
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      boolean posix = Files.getFileStore(parent).supportsFileAttributeView("posix");
      try {
        if (posix) {
          FileAttribute<Set<PosixFilePermission>> attr =
              PosixFilePermissions.asFileAttribute(OWNER_ONLY);
          Files.createFile(file, attr);
        } else {
          Files.createFile(file);
        }
      } catch (FileAlreadyExistsException raced) {
        return load(file);
      }
      Files.writeString(file, key.secret.toUnprefixedHexString() + "\n", StandardCharsets.UTF_8);
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the node key file " + file, e);
    }
  }

  /** Reads an existing key file; never creates one (a mistyped path must not mint a new key). */
  public static NodeKey load(Path file) throws IOException {
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      if (!OWNER_ONLY.containsAll(permissions)) {
        throw new IllegalStateException(
            "The node key file "
                + file
                + " is readable or writable by others ("
                + PosixFilePermissions.toString(permissions)
                + "); run 'chmod 600 "
                + file
                + "' first");
      }
    }
    String text = Files.readString(file, StandardCharsets.UTF_8).trim();
    if (!text.matches("(0x)?[0-9a-fA-F]{64}")) {
      throw new IllegalStateException(
          "The node key file " + file + " does not hold a 32-byte hex private key");
    }
    return new NodeKey(Bytes32.fromHexString(text));
  }

  /** The 64-byte uncompressed public key, x || y. */
  public Bytes publicKey() {
    return Bytes.wrap(Numeric.toBytesPadded(keyPair.getPublicKey(), 64));
  }

  public Bytes compressedPublicKey() {
    return Functions.deriveCompressedPublicKeyFromPrivate(Functions.createSecretKey(secret));
  }

  public NodeId nodeId() {
    return NodeId.fromPublicKey(publicKey());
  }

  /** The key as web3j wants it, for EIP-712 proofs. */
  public ECKeyPair ecKeyPair() {
    return keyPair;
  }

  /** The key as the discv5 library wants it. */
  public Signer signer() {
    return new DefaultSigner(Functions.createSecretKey(secret));
  }

  /** Signs a 32-byte digest: 65 bytes r || s || v (v in {27, 28}). */
  public Bytes sign(Bytes32 digest) {
    Sign.SignatureData signature = Sign.signMessage(digest.toArrayUnsafe(), keyPair, false);
    return Bytes.concatenate(
        Bytes.wrap(signature.getR()), Bytes.wrap(signature.getS()), Bytes.wrap(signature.getV()));
  }

  @Override
  public String toString() {
    return "NodeKey[" + nodeId() + "]";
  }
}
