package io.waypost.core.request;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.apache.tuweni.bytes.Bytes;

/**
 * The client's end of the request stream: seals a request for a node's key, sends it over TCP to
 * the node's {@code tcp} address and hands back the answer as an {@link AnswerStream} that checks
 * every chunk as it arrives (docs/requests.md).
 */
public final class RequestChannel {

  /** The largest answer a client accepts unless told otherwise: 16 MiB. */
  public static final long DEFAULT_MAX_ANSWER = 16L * 1024 * 1024;

  private final EncryptedRequests requests;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final long maxAnswerBytes;

  public RequestChannel(
      EncryptedRequests requests,
      Duration connectTimeout,
      Duration readTimeout,
      long maxAnswerBytes) {
    this.requests = requests;
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
    this.maxAnswerBytes = maxAnswerBytes;
  }

  /** Five seconds to connect, thirty between two pieces of the answer, answers up to 16 MiB. */
  public static RequestChannel withDefaults(EncryptedRequests requests) {
    return new RequestChannel(
        requests, Duration.ofSeconds(5), Duration.ofSeconds(30), DEFAULT_MAX_ANSWER);
  }

  /**
   * Sends {@code request} to the node at {@code address} whose 64-byte public key is {@code
   * nodePublicKey}; the answer streams in as it is read. Close the stream when done.
   *
   * @throws IOException when the node cannot be reached
   * @throws IllegalArgumentException when the request is over 64 KiB
   */
  public AnswerStream send(InetSocketAddress address, Bytes nodePublicKey, Bytes request)
      throws IOException {
    EncryptedRequests.Sealed sealed = requests.seal(nodePublicKey, request);
    Socket socket = new Socket();
    try {
      socket.connect(address, Math.toIntExact(connectTimeout.toMillis()));
      socket.setSoTimeout(Math.toIntExact(readTimeout.toMillis()));
      socket.setTcpNoDelay(true);
      OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 8192);
      StreamFrames.write(out, StreamFrames.REQUEST, sealed.wire());
      out.flush();
      return new AnswerStream(
          new BufferedInputStream(socket.getInputStream(), 128 * 1024),
          socket,
          sealed,
          maxAnswerBytes);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }
}
