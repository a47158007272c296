package io.waypost.core.request;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import org.apache.tuweni.bytes.Bytes;

/**
 * A node's answer as it arrives over the request stream: each chunk is authenticated (to the key
 * only the node and this client hold, bound to this request and its place in the stream) before its
 * bytes are handed out. The stream ends (-1) only after the node's signed end frame has been
 * checked; a truncated, reordered, replayed or tampered stream, a refusal, or an answer over the
 * limit throws {@link RefusedAnswerException} instead. Bytes read before such an error must be
 * discarded by the caller.
 */
public final class AnswerStream extends InputStream {

  /** Why an answer was not accepted; the message is a sentence for the user. */
  public static final class RefusedAnswerException extends IOException {
    private static final long serialVersionUID = 1L;

    RefusedAnswerException(String message) {
      super(message);
    }
  }

  private final DataInputStream in;
  private final AutoCloseable connection;
  private final EncryptedRequests.Sealed sealed;
  private final long maxAnswerBytes;
  private final StreamFrames.Transcript transcript = new StreamFrames.Transcript();
  private Bytes current = Bytes.EMPTY;
  private int position;
  private long chunks;
  private long length;
  private boolean ended;

  AnswerStream(
      InputStream in, AutoCloseable connection, EncryptedRequests.Sealed sealed, long maxAnswer) {
    this.in = new DataInputStream(in);
    this.connection = connection;
    this.sealed = sealed;
    this.maxAnswerBytes = maxAnswer;
  }

  /** The answer's bytes so far (all of them once {@link #read} has returned -1). */
  public long length() {
    return length;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int count) throws IOException {
    while (position >= current.size()) {
      if (ended) {
        return -1;
      }
      nextFrame();
    }
    int n = Math.min(count, current.size() - position);
    System.arraycopy(current.toArrayUnsafe(), position, buffer, offset, n);
    position += n;
    return n;
  }

  /** Reads the whole answer: what a caller that needs all of it at once uses. */
  public Bytes readAnswer() throws IOException {
    return Bytes.wrap(readAllBytes());
  }

  private void nextFrame() throws IOException {
    StreamFrames.Frame frame;
    try {
      frame = StreamFrames.read(in);
    } catch (EOFException e) {
      throw new RefusedAnswerException(
          "the answer stream ended after "
              + chunks
              + " chunk(s) without the node's end frame (truncated)");
    } catch (SocketTimeoutException e) {
      throw new RefusedAnswerException("the node stopped sending its answer (timed out)");
    } catch (StreamFrames.MalformedFrameException e) {
      throw new RefusedAnswerException("the answer stream is malformed: " + e.getMessage());
    }
    switch (frame.type()) {
      case StreamFrames.CHUNK -> chunk(frame.payload());
      case StreamFrames.END -> end(frame.payload());
      case StreamFrames.REFUSED -> refused(frame.payload());
      default ->
          throw new RefusedAnswerException(
              "the node sent a frame of type " + frame.type() + " in an answer");
    }
  }

  private void chunk(Bytes payload) throws IOException {
    Bytes plaintext;
    try {
      plaintext =
          RequestCrypto.open(
              sealed.responseKey(),
              StreamFrames.chunkNonce(chunks),
              StreamFrames.chunkAad(sealed.requestHash()),
              payload);
    } catch (GeneralSecurityException e) {
      throw new RefusedAnswerException(
          "chunk "
              + chunks
              + " of the answer does not authenticate: it was tampered with, reordered or"
              + " replayed");
    }
    transcript.add(payload);
    chunks++;
    length += plaintext.size();
    if (length > maxAnswerBytes) {
      throw new RefusedAnswerException(
          "the answer is larger than the " + maxAnswerBytes + " bytes this client accepts");
    }
    current = plaintext;
    position = 0;
  }

  private void end(Bytes payload) throws IOException {
    if (payload.size() != 8 + 8 + StreamFrames.SIGNATURE) {
      throw new RefusedAnswerException("the answer's end frame is malformed");
    }
    long sentChunks = payload.getLong(0);
    long sentLength = payload.getLong(8);
    if (sentChunks != chunks || sentLength != length) {
      throw new RefusedAnswerException(
          "the node says it sent "
              + sentChunks
              + " chunk(s), "
              + sentLength
              + " bytes; "
              + chunks
              + " chunk(s), "
              + length
              + " bytes arrived (truncated or tampered)");
    }
    requireNodeSignature(
        StreamFrames.endDigest(sealed.requestHash(), chunks, length, transcript.finish()),
        payload.slice(16));
    ended = true;
  }

  private void refused(Bytes payload) throws IOException {
    if (payload.size() < StreamFrames.SIGNATURE) {
      throw new RefusedAnswerException("the node's refusal is malformed");
    }
    Bytes reason = payload.slice(0, payload.size() - StreamFrames.SIGNATURE);
    requireNodeSignature(
        StreamFrames.refusalDigest(sealed.requestHash(), reason),
        payload.slice(payload.size() - StreamFrames.SIGNATURE));
    throw new RefusedAnswerException(
        "the node refused the request: "
            + new String(reason.toArrayUnsafe(), StandardCharsets.UTF_8));
  }

  private void requireNodeSignature(org.apache.tuweni.bytes.Bytes32 digest, Bytes signature)
      throws IOException {
    Bytes signer;
    try {
      signer = EncryptedRequests.recover(digest, signature);
    } catch (RequestRefusedException e) {
      throw new RefusedAnswerException(e.getMessage());
    }
    if (!signer.equals(sealed.nodePublicKey())) {
      throw new RefusedAnswerException(
          "the answer is not signed by node " + sealed.nodeId() + " (forged or tampered)");
    }
  }

  @Override
  public void close() throws IOException {
    try {
      connection.close();
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e.getMessage(), e);
    }
  }
}
