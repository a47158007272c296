package io.waypost.core.discovery;

import java.math.BigInteger;
import java.security.Security;
import java.security.SignatureException;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/** Small crypto helpers shared by discovery: provider setup, keccak, signature recovery. */
public final class Crypto {

  private Crypto() {}

  /**
   * tuweni's SECP256K1 looks the BouncyCastle provider up by name, so it must be registered before
   * the first key is made. Idempotent and thread-safe (Security's list is synchronised).
   */
  public static void ensureProvider() {
    if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
      Security.addProvider(new BouncyCastleProvider());
    }
  }

  public static Bytes32 keccak(Bytes input) {
    return Bytes32.wrap(Hash.sha3(input.toArrayUnsafe()));
  }

  /** The 64-byte public key that made a 65-byte r || s || v signature of {@code digest}. */
  public static Optional<Bytes> recover(Bytes32 digest, Bytes signature) {
    if (signature.size() != 65) {
      return Optional.empty();
    }
    byte v = signature.get(64);
    if (v != 27 && v != 28) {
      return Optional.empty();
    }
    try {
      BigInteger key =
          Sign.signedMessageHashToKey(
              digest.toArrayUnsafe(),
              new Sign.SignatureData(
                  v, signature.slice(0, 32).toArray(), signature.slice(32, 32).toArray()));
      return Optional.of(Bytes.wrap(Numeric.toBytesPadded(key, 64)));
    } catch (SignatureException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
