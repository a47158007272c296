package io.waypost.core.request;

import io.waypost.core.model.NodeId;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.bouncycastle.math.ec.ECPoint;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;

/**
 * The client side of an encrypted request: seals a request so that only the node whose key the
 * registry vouches for can read it, and opens the node's signed, encrypted answer.
 */
public final class EncryptedRequests {

  /** A sealed request and what its answer will be checked and opened with. */
  public record Sealed(
      Bytes wire, NodeId nodeId, Bytes nodePublicKey, Bytes responseKey, Bytes32 requestHash) {}

  private final Clock clock;
  private final SecureRandom random;

  public EncryptedRequests(Clock clock, SecureRandom random) {
    this.clock = clock;
    this.random = random;
  }

  /**
   * Seals {@code request} for the node with this 64-byte public key (x || y). Its node id is bound
   * into the envelope, so another node, even one that somehow had the key, rejects it.
   */
  public Sealed seal(Bytes nodePublicKey, Bytes request) {
    return seal(
        nodePublicKey,
        request,
        RequestCrypto.ephemeral(random).getPrivateKey(),
        RequestCrypto.random(random, RequestCrypto.NONCE_BYTES),
        clock.millis());
  }

  /** Seals with a given ephemeral secret, nonce and timestamp: for the known-answer vectors. */
  Sealed seal(
      Bytes nodePublicKey,
      Bytes request,
      BigInteger ephemeralSecret,
      Bytes nonce,
      long timestampMillis) {
    Objects.requireNonNull(request, "request");
    if (request.size() > RequestEnvelope.MAX_REQUEST) {
      throw new IllegalArgumentException(
          "the request is "
              + request.size()
              + " bytes; at most "
              + RequestEnvelope.MAX_REQUEST
              + " (64 KiB) are allowed");
    }
    NodeId nodeId = NodeId.fromPublicKey(nodePublicKey);
    ECPoint node = RequestCrypto.point(nodePublicKey);
    ECPoint ephemeralPoint = RequestCrypto.CURVE.getG().multiply(ephemeralSecret).normalize();
    Bytes ephemeralKey = RequestCrypto.compressed(ephemeralPoint);
    Bytes keys =
        RequestCrypto.keys(
            RequestCrypto.sharedSecret(ephemeralSecret, node),
            nodeId.value(),
            Bytes.concatenate(RequestCrypto.ascii(RequestEnvelope.LABEL), ephemeralKey));
    RequestEnvelope unsealed =
        new RequestEnvelope(ephemeralKey, timestampMillis, nonce, Bytes.EMPTY);
    Bytes aad = aad(unsealed, nodeId);
    Bytes ciphertext = RequestCrypto.seal(keys.slice(0, 32), nonce, aad, request);
    Bytes wire = new RequestEnvelope(ephemeralKey, timestampMillis, nonce, ciphertext).encode();
    return new Sealed(wire, nodeId, nodePublicKey, keys.slice(32, 32), keccak(wire));
  }

  /**
   * Checks that the answer was signed by the node the request was sealed for, then opens it.
   *
   * @throws RequestRefusedException if the node refused (with its reason) or the answer is forged
   *     or tampered
   */
  public Bytes open(Sealed sealed, Bytes answer) throws RequestRefusedException {
    RequestAnswer decoded = RequestAnswer.decode(answer);
    Bytes signer = decoded.signer(sealed.requestHash());
    if (!signer.equals(sealed.nodePublicKey())) {
      throw new RequestRefusedException(
          "the answer is not signed by node " + sealed.nodeId() + " (forged or tampered)");
    }
    if (decoded.refused()) {
      throw new RequestRefusedException(
          "the node refused the request: "
              + new String(
                  decoded.body().toArrayUnsafe(), java.nio.charset.StandardCharsets.UTF_8));
    }
    try {
      return RequestCrypto.open(
          sealed.responseKey(),
          decoded.nonce(),
          RequestAnswer.aad(sealed.requestHash()),
          decoded.body());
    } catch (GeneralSecurityException e) {
      throw new RequestRefusedException("the answer's ciphertext does not authenticate (tampered)");
    }
  }

  static Bytes aad(RequestEnvelope envelope, NodeId nodeId) {
    return Bytes.concatenate(
        RequestCrypto.ascii(RequestEnvelope.LABEL), envelope.header(), nodeId.value());
  }

  static Bytes32 keccak(Bytes bytes) {
    return Bytes32.wrap(Hash.sha3(bytes.toArrayUnsafe()));
  }

  /** Recovers the 64-byte public key from a 65-byte r || s || v signature over {@code digest}. */
  static Bytes recover(Bytes32 digest, Bytes signature) throws RequestRefusedException {
    try {
      int v = signature.get(64) & 0xff;
      if (signature.size() != 65 || (v != 27 && v != 28)) {
        throw new RequestRefusedException("the answer's signature is invalid (v must be 27 or 28)");
      }
      Sign.SignatureData data =
          new Sign.SignatureData(
              (byte) v, signature.slice(0, 32).toArray(), signature.slice(32, 32).toArray());
      BigInteger key = Sign.signedMessageHashToKey(digest.toArrayUnsafe(), data);
      return Bytes.wrap(org.web3j.utils.Numeric.toBytesPadded(key, 64));
    } catch (java.security.SignatureException | RuntimeException e) {
      throw new RequestRefusedException("the answer's signature is invalid");
    }
  }
}
