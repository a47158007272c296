package io.waypost.core.request;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

/**
 * The primitives of the request envelope, all from well-kept libraries: secp256k1 ECDH
 * (BouncyCastle), HKDF-SHA256 (BouncyCastle), AES-256-GCM (the JDK). Nothing here is hand-rolled
 * cryptography; this class only fixes how they are combined (see docs/requests.md).
 */
final class RequestCrypto {

  static final X9ECParameters CURVE_PARAMS = CustomNamedCurves.getByName("secp256k1");
  static final ECDomainParameters CURVE =
      new ECDomainParameters(
          CURVE_PARAMS.getCurve(), CURVE_PARAMS.getG(), CURVE_PARAMS.getN(), CURVE_PARAMS.getH());
  static final int GCM_TAG_BITS = 128;
  static final int NONCE_BYTES = 12;

  private RequestCrypto() {}

  /** A point from a 64-byte (x || y) or 33-byte compressed public key; refuses off-curve input. */
  static ECPoint point(Bytes publicKey) {
    byte[] encoded =
        publicKey.size() == 64
            ? Bytes.concatenate(Bytes.of(0x04), publicKey).toArrayUnsafe()
            : publicKey.toArrayUnsafe();
    ECPoint point = CURVE.getCurve().decodePoint(encoded);
    if (!point.isValid() || point.isInfinity()) {
      throw new IllegalArgumentException("not a point on secp256k1");
    }
    return point;
  }

  static Bytes compressed(ECPoint point) {
    return Bytes.wrap(point.getEncoded(true));
  }

  static Bytes uncompressed64(ECPoint point) {
    return Bytes.wrap(point.getEncoded(false)).slice(1);
  }

  /** The x coordinate of {@code secret} × {@code point}: the ECDH shared secret. */
  static Bytes32 sharedSecret(BigInteger secret, ECPoint point) {
    ECPoint shared = point.multiply(secret).normalize();
    if (shared.isInfinity()) {
      throw new IllegalArgumentException("degenerate shared secret");
    }
    return Bytes32.wrap(shared.getAffineXCoord().getEncoded());
  }

  /** 64 bytes of keys: the request key, then the response key. */
  static Bytes keys(Bytes32 shared, Bytes salt, Bytes info) {
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    hkdf.init(
        new HKDFParameters(shared.toArrayUnsafe(), salt.toArrayUnsafe(), info.toArrayUnsafe()));
    byte[] out = new byte[64];
    hkdf.generateBytes(out, 0, out.length);
    return Bytes.wrap(out);
  }

  static Bytes seal(Bytes key, Bytes nonce, Bytes aad, Bytes plaintext) {
    return gcm(Cipher.ENCRYPT_MODE, key, nonce, aad, plaintext);
  }

  /**
   * @throws GeneralSecurityException when the tag does not match: tampered, or another key
   */
  static Bytes open(Bytes key, Bytes nonce, Bytes aad, Bytes ciphertext)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(
        Cipher.DECRYPT_MODE,
        new SecretKeySpec(key.toArrayUnsafe(), "AES"),
        new GCMParameterSpec(GCM_TAG_BITS, nonce.toArrayUnsafe()));
    cipher.updateAAD(aad.toArrayUnsafe());
    return Bytes.wrap(cipher.doFinal(ciphertext.toArrayUnsafe()));
  }

  private static Bytes gcm(int mode, Bytes key, Bytes nonce, Bytes aad, Bytes input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          mode,
          new SecretKeySpec(key.toArrayUnsafe(), "AES"),
          new GCMParameterSpec(GCM_TAG_BITS, nonce.toArrayUnsafe()));
      cipher.updateAAD(aad.toArrayUnsafe());
      return Bytes.wrap(cipher.doFinal(input.toArrayUnsafe()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable: " + e.getMessage(), e);
    }
  }

  static Bytes random(SecureRandom random, int size) {
    byte[] bytes = new byte[size];
    random.nextBytes(bytes);
    return Bytes.wrap(bytes);
  }

  static ECKeyPair ephemeral(SecureRandom random) {
    try {
      return Keys.createEcKeyPair(random);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot make an ephemeral key: " + e.getMessage(), e);
    }
  }

  static Bytes ascii(String text) {
    return Bytes.wrap(text.getBytes(StandardCharsets.US_ASCII));
  }
}
