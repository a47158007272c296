package io.waypost.core.request;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * The request stream's frames (docs/requests.md, "The request stream"): {@code type (1) || length
 * (4, big-endian) || payload (length)}, with the per-type limits and the digests that bind chunks,
 * the end and refusals to one request.
 */
final class StreamFrames {

  /** Client to node: the request envelope. */
  static final int REQUEST = 0x01;

  /** Node to client: one sealed piece of the answer. */
  static final int CHUNK = 0x02;

  /** Node to client: the answer is complete; chunk count, length and the node's signature. */
  static final int END = 0x03;

  /** Node to client: the request is refused (before or during the answer), signed. */
  static final int REFUSED = 0x04;

  static final int HEADER = 5;
  static final int SIGNATURE = 65;
  static final int TAG = RequestCrypto.GCM_TAG_BITS / 8;

  /** The largest plaintext in one chunk: 64 KiB. */
  static final int MAX_CHUNK = 64 * 1024;

  /** The longest refusal reason, in UTF-8 bytes (a longer one is cut). */
  static final int MAX_REASON = 1024;

  static final String CHUNK_LABEL = "waypost-chunk/1";
  static final String END_LABEL = "waypost-stream/1";
  static final String REFUSAL_LABEL = "waypost-refusal/1";

  private StreamFrames() {}

  record Frame(int type, Bytes payload) {}

  /** The largest payload a frame of this type may carry; -1 for an unknown type. */
  static int maxPayload(int type) {
    return switch (type) {
      case REQUEST -> RequestEnvelope.MAX_SIZE;
      case CHUNK -> MAX_CHUNK + TAG;
      case END -> 8 + 8 + SIGNATURE;
      case REFUSED -> MAX_REASON + SIGNATURE;
      default -> -1;
    };
  }

  static void write(OutputStream out, int type, Bytes payload) throws IOException {
    byte[] header = ByteBuffer.allocate(HEADER).put((byte) type).putInt(payload.size()).array();
    out.write(header);
    out.write(payload.toArrayUnsafe());
  }

  /**
   * Reads one frame, checking its type and length before reading the payload.
   *
   * @throws EOFException when the stream ends, at a frame boundary or inside one
   * @throws MalformedFrameException for an unknown type or a length over the type's limit
   */
  static Frame read(DataInputStream in) throws IOException {
    int type = in.readUnsignedByte();
    long length = in.readInt() & 0xffffffffL;
    int max = maxPayload(type);
    if (max < 0) {
      throw new MalformedFrameException("unknown frame type " + type);
    }
    if (length > max) {
      throw new MalformedFrameException(
          "a frame of type " + type + " is " + length + " bytes long; at most " + max);
    }
    byte[] payload = new byte[(int) length];
    in.readFully(payload);
    return new Frame(type, Bytes.wrap(payload));
  }

  /** Chunk {@code counter}'s AES-GCM nonce: four zero bytes, then the counter big-endian. */
  static Bytes chunkNonce(long counter) {
    return Bytes.wrap(ByteBuffer.allocate(RequestCrypto.NONCE_BYTES).putLong(4, counter).array());
  }

  static Bytes chunkAad(Bytes32 requestHash) {
    return Bytes.concatenate(RequestCrypto.ascii(CHUNK_LABEL), requestHash);
  }

  static Bytes32 endDigest(Bytes32 requestHash, long chunks, long length, Bytes32 transcript) {
    return EncryptedRequests.keccak(
        Bytes.concatenate(
            RequestCrypto.ascii(END_LABEL),
            requestHash,
            Bytes.ofUnsignedLong(chunks),
            Bytes.ofUnsignedLong(length),
            transcript));
  }

  static Bytes32 refusalDigest(Bytes32 requestHash, Bytes reason) {
    return EncryptedRequests.keccak(
        Bytes.concatenate(RequestCrypto.ascii(REFUSAL_LABEL), requestHash, reason));
  }

  /** A refusal's reason as UTF-8, cut to {@link #MAX_REASON} bytes at a character boundary. */
  static Bytes reason(String text) {
    byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    if (utf8.length <= MAX_REASON) {
      return Bytes.wrap(utf8);
    }
    int end = MAX_REASON;
    while (end > 0 && (utf8[end] & 0xc0) == 0x80) {
      end--;
    }
    return Bytes.wrap(utf8, 0, end);
  }

  /** keccak256 over the chunks' payloads in order, fed as they pass. */
  static final class Transcript {
    private final KeccakDigest digest = new KeccakDigest(256);

    void add(Bytes chunkPayload) {
      digest.update(chunkPayload.toArrayUnsafe(), 0, chunkPayload.size());
    }

    Bytes32 finish() {
      byte[] out = new byte[32];
      digest.doFinal(out, 0);
      return Bytes32.wrap(out);
    }
  }

  /** A frame that breaks the layout: an unknown type, or a length over its type's limit. */
  static final class MalformedFrameException extends IOException {
    private static final long serialVersionUID = 1L;

    MalformedFrameException(String message) {
      super(message);
    }
  }
}
