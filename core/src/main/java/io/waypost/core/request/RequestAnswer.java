package io.waypost.core.request;

import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/**
 * A node's answer (docs/requests.md):
 *
 * <pre>
 * version(1) = 0x01 | status(1): 0 answered, 1 refused | nonce (12)
 * | body: AES-256-GCM ciphertext of the answer, or the refusal's reason in UTF-8
 * | signature (65, r || s || v) by the node key over
 *   keccak256("waypost-response/1" || keccak256(request) || status || nonce || body)
 * </pre>
 */
record RequestAnswer(boolean refused, Bytes nonce, Bytes body, Bytes signature) {

  static final String LABEL = "waypost-response/1";
  private static final int SIGNATURE = 65;

  Bytes encode() {
    return Bytes.concatenate(signedPart(), signature);
  }

  private Bytes signedPart() {
    return Bytes.concatenate(
        Bytes.of(RequestEnvelope.VERSION), Bytes.of(refused ? 1 : 0), nonce, body);
  }

  static Bytes32 digest(Bytes32 requestHash, boolean refused, Bytes nonce, Bytes body) {
    return EncryptedRequests.keccak(
        Bytes.concatenate(
            RequestCrypto.ascii(LABEL), requestHash, Bytes.of(refused ? 1 : 0), nonce, body));
  }

  static Bytes aad(Bytes32 requestHash) {
    return Bytes.concatenate(RequestCrypto.ascii(LABEL), requestHash);
  }

  Bytes signer(Bytes32 requestHash) throws RequestRefusedException {
    return EncryptedRequests.recover(digest(requestHash, refused, nonce, body), signature);
  }

  static RequestAnswer decode(Bytes wire) throws RequestRefusedException {
    int minimum = 2 + RequestCrypto.NONCE_BYTES + SIGNATURE;
    if (wire == null || wire.size() < minimum) {
      throw new RequestRefusedException("no answer, or one too short to be an answer");
    }
    if ((wire.get(0) & 0xff) != RequestEnvelope.VERSION) {
      throw new RequestRefusedException("unknown answer version " + (wire.get(0) & 0xff));
    }
    int status = wire.get(1) & 0xff;
    if (status > 1) {
      throw new RequestRefusedException("unknown answer status " + status);
    }
    int bodyEnd = wire.size() - SIGNATURE;
    return new RequestAnswer(
        status == 1,
        wire.slice(2, RequestCrypto.NONCE_BYTES),
        wire.slice(2 + RequestCrypto.NONCE_BYTES, bodyEnd - 2 - RequestCrypto.NONCE_BYTES),
        wire.slice(bodyEnd));
  }
}
