package io.waypost.core.request;

import java.nio.ByteBuffer;
import org.apache.tuweni.bytes.Bytes;

/**
 * The request envelope's wire layout (docs/requests.md):
 *
 * <pre>
 * version(1) = 0x01 | ephemeral public key, compressed (33) | timestamp, ms, big-endian (8)
 * | nonce (12) | AES-256-GCM ciphertext with its 16-byte tag (rest)
 * </pre>
 */
record RequestEnvelope(Bytes ephemeralKey, long timestampMillis, Bytes nonce, Bytes ciphertext) {

  static final int VERSION = 1;
  static final int HEADER = 1 + 33 + 8 + RequestCrypto.NONCE_BYTES;
  static final String LABEL = "waypost-request/1";

  /** The largest request plaintext: 64 KiB. */
  static final int MAX_REQUEST = 64 * 1024;

  /** The largest envelope (header, the largest plaintext and the tag); larger is refused unread. */
  static final int MAX_SIZE = HEADER + MAX_REQUEST + RequestCrypto.GCM_TAG_BITS / 8;

  Bytes encode() {
    return Bytes.concatenate(
        Bytes.of(VERSION), ephemeralKey, Bytes.ofUnsignedLong(timestampMillis), nonce, ciphertext);
  }

  /** The header bytes, authenticated (with the node id) by the cipher. */
  Bytes header() {
    return Bytes.concatenate(
        Bytes.of(VERSION), ephemeralKey, Bytes.ofUnsignedLong(timestampMillis));
  }

  static RequestEnvelope decode(Bytes wire) throws RequestRefusedException {
    if (wire.size() > MAX_SIZE) {
      throw new RequestRefusedException(
          RequestRefusedException.Reason.MALFORMED,
          "the request is larger than " + MAX_SIZE + " bytes");
    }
    if (wire.size() < HEADER + RequestCrypto.GCM_TAG_BITS / 8) {
      throw new RequestRefusedException(
          RequestRefusedException.Reason.MALFORMED, "the request is too short to be an envelope");
    }
    if ((wire.get(0) & 0xff) != VERSION) {
      throw new RequestRefusedException(
          RequestRefusedException.Reason.MALFORMED,
          "unknown envelope version " + (wire.get(0) & 0xff));
    }
    long timestamp = ByteBuffer.wrap(wire.slice(34, 8).toArrayUnsafe()).getLong();
    return new RequestEnvelope(
        wire.slice(1, 33),
        timestamp,
        wire.slice(42, RequestCrypto.NONCE_BYTES),
        wire.slice(HEADER));
  }
}
