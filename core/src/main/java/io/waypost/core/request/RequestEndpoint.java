package io.waypost.core.request;

import io.waypost.core.discovery.DiscoveryNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.ECKeyPair;

/**
 * A node's encrypted-request service, one unit with one lifetime: the request stream on a TCP port
 * (the port its ENR announces as {@code tcp}) and, for small answers, TALKREQ {@code wp-req/1} on
 * the discovery node. Both open requests through one {@link RequestServer}, so a request is
 * answered at most once whichever way it comes. Build with {@link #builder()}, close whole.
 */
public final class RequestEndpoint implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RequestEndpoint.class);

  /** How far a request's clock may be off, and how many answered requests are remembered. */
  public static final Duration WINDOW = Duration.ofSeconds(60);

  public static final int REMEMBERED = 100_000;

  /** The way a request came: the TCP request stream, or one TALKREQ on the discovery node. */
  public enum Via {
    STREAM,
    TALKREQ
  }

  /** What an endpoint reports, for metrics and logs. Called on the serving threads. */
  public interface Observer {
    Observer NONE = new Observer() {};

    /**
     * A request was answered in full: {@code bytes} of answer; on the stream from the service's
     * first byte to the end frame, on TALKREQ from opening the request to sealing its answer.
     */
    default void answered(Via via, long bytes, Duration took) {}

    /** A request was refused, or its connection broke the stream's layout. */
    default void refused(Via via, RequestRefusedException.Reason reason, String message) {}
  }

  private final RequestServer server;
  private final AnswerSource source;
  private final ServerSocket listener;
  private final Semaphore slots;
  private final Duration requestTimeout;
  private final Observer observer;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private volatile boolean closed;

  private RequestEndpoint(Builder b, ServerSocket listener) {
    this.source = b.source;
    this.server =
        new RequestServer(
            b.nodeKey, talkHandler(b.source), b.clock, WINDOW, REMEMBERED, new SecureRandom());
    this.listener = listener;
    this.slots = new Semaphore(b.maxConnections);
    this.requestTimeout = b.requestTimeout;
    this.observer = b.observer;
    this.acceptor = Thread.ofVirtual().name("waypost-request-accept").start(this::acceptLoop);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The TCP port the request stream listens on: put it in the node's ENR as {@code tcp}. */
  public int port() {
    return listener.getLocalPort();
  }

  /** Also answers small requests over TALKREQ on {@code node} (answers up to 1,000 bytes). */
  public void installTalk(DiscoveryNode node) {
    node.registerTalkProtocol(
        RequestServer.PROTOCOL,
        (sourceNode, request) ->
            CompletableFuture.completedFuture(server.answer(request, observer)));
  }

  public RequestServer server() {
    return server;
  }

  private static RequestHandler talkHandler(AnswerSource source) {
    return request -> {
      try (InputStream answer = source.answer(request)) {
        return Bytes.wrap(answer.readNBytes(RequestServer.MAX_TALK_ANSWER + 1));
      }
    };
  }

  private void acceptLoop() {
    while (!closed) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("The request port stopped accepting: {}", e.getMessage());
        }
        return;
      }
      if (!slots.tryAcquire()) {
        observer.refused(Via.STREAM, RequestRefusedException.Reason.BUSY, "too many connections");
        closeQuietly(socket);
        continue;
      }
      open.add(socket);
      Thread.ofVirtual()
          .name("waypost-request")
          .start(
              () -> {
                try {
                  serve(socket);
                } finally {
                  open.remove(socket);
                  closeQuietly(socket);
                  slots.release();
                }
              });
    }
  }

  private void serve(Socket socket) {
    try {
      socket.setSoTimeout(Math.toIntExact(requestTimeout.toMillis()));
      socket.setTcpNoDelay(true);
      DataInputStream in =
          new DataInputStream(new BufferedInputStream(socket.getInputStream(), 8192));
      OutputStream out =
          new BufferedOutputStream(
              socket.getOutputStream(), StreamFrames.MAX_CHUNK + StreamFrames.TAG + 64);
      StreamFrames.Frame frame;
      try {
        frame = StreamFrames.read(in);
      } catch (IOException e) {
        observer.refused(
            Via.STREAM, RequestRefusedException.Reason.MALFORMED, "not a request frame");
        return;
      }
      if (frame.type() != StreamFrames.REQUEST) {
        observer.refused(
            Via.STREAM, RequestRefusedException.Reason.MALFORMED, "not a request frame");
        return;
      }
      Bytes32 requestHash = EncryptedRequests.keccak(frame.payload());
      RequestServer.Opened opened;
      try {
        opened = server.open(frame.payload());
      } catch (RequestRefusedException e) {
        refuse(out, requestHash, e.reason(), e.getMessage());
        return;
      }
      InputStream answer;
      try {
        answer = source.answer(opened.plaintext());
      } catch (Exception e) {
        refuse(
            out,
            requestHash,
            RequestRefusedException.Reason.SERVICE,
            "the service could not answer: " + describe(e));
        return;
      }
      try (answer) {
        stream(answer, out, opened);
      }
    } catch (IOException e) {
      // The client went away or stopped reading: nothing to answer to.
      LOG.debug("A request connection ended early: {}", e.getMessage());
    }
  }

  /** Seals {@code answer} onto {@code out} as chunk frames and the signed end frame. */
  void stream(InputStream answer, OutputStream out, RequestServer.Opened opened)
      throws IOException {
    long start = System.nanoTime();
    Bytes aad = StreamFrames.chunkAad(opened.requestHash());
    StreamFrames.Transcript transcript = new StreamFrames.Transcript();
    byte[] buffer = new byte[StreamFrames.MAX_CHUNK];
    long chunks = 0;
    long length = 0;
    while (true) {
      int n;
      try {
        n = fill(answer, buffer);
      } catch (IOException e) {
        refuse(
            out,
            opened.requestHash(),
            RequestRefusedException.Reason.SERVICE,
            "the service failed while answering: " + describe(e));
        return;
      }
      if (n < 0) {
        break;
      }
      Bytes sealed =
          RequestCrypto.seal(
              opened.responseKey(), StreamFrames.chunkNonce(chunks), aad, Bytes.wrap(buffer, 0, n));
      transcript.add(sealed);
      StreamFrames.write(out, StreamFrames.CHUNK, sealed);
      out.flush();
      chunks++;
      length += n;
    }
    Bytes32 digest =
        StreamFrames.endDigest(opened.requestHash(), chunks, length, transcript.finish());
    StreamFrames.write(
        out,
        StreamFrames.END,
        Bytes.concatenate(
            Bytes.ofUnsignedLong(chunks), Bytes.ofUnsignedLong(length), server.sign(digest)));
    out.flush();
    observer.answered(Via.STREAM, length, Duration.ofNanos(System.nanoTime() - start));
  }

  /**
   * Reads what the service has ready, up to a chunk: at least one byte (blocking for it), then
   * whatever is already available, so a slow service's answer still flows piece by piece.
   */
  private static int fill(InputStream answer, byte[] buffer) throws IOException {
    int n = answer.read(buffer, 0, buffer.length);
    while (n == 0) {
      n = answer.read(buffer, 0, buffer.length);
    }
    if (n < 0) {
      return -1;
    }
    while (n < buffer.length && answer.available() > 0) {
      int more = answer.read(buffer, n, buffer.length - n);
      if (more <= 0) {
        break;
      }
      n += more;
    }
    return n;
  }

  void refuse(
      OutputStream out, Bytes32 requestHash, RequestRefusedException.Reason kind, String reason)
      throws IOException {
    observer.refused(Via.STREAM, kind, reason);
    Bytes text = StreamFrames.reason(reason);
    StreamFrames.write(
        out,
        StreamFrames.REFUSED,
        Bytes.concatenate(text, server.sign(StreamFrames.refusalDigest(requestHash, text))));
    out.flush();
  }

  private static String describe(Exception e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  /** Stops accepting and ends every open request connection. */
  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    open.forEach(RequestEndpoint::closeQuietly);
    try {
      acceptor.join(Duration.ofSeconds(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The agent's default service: answers any request with the node's clock and the request's
   * length, so that a client can test the encrypted path end to end without a mail server.
   */
  public static RequestHandler clockAnswer(Clock clock) {
    return request ->
        Bytes.wrap(
            ("waypost-agent time=" + clock.millis() + " request-bytes=" + request.size())
                .getBytes(StandardCharsets.UTF_8));
  }

  public static final class Builder {
    private ECKeyPair nodeKey;
    private AnswerSource source;
    private Clock clock = Clock.systemUTC();
    private String host = "0.0.0.0";
    private int port;
    private int maxConnections = 256;
    private Duration requestTimeout = Duration.ofSeconds(10);
    private Observer observer = Observer.NONE;

    private Builder() {}

    public Builder nodeKey(ECKeyPair nodeKey) {
      this.nodeKey = nodeKey;
      return this;
    }

    public Builder source(AnswerSource source) {
      this.source = source;
      return this;
    }

    public Builder handler(RequestHandler handler) {
      return source(AnswerSource.of(handler));
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Where the request stream listens; port 0 picks a free one (see {@link #port()}). */
    public Builder bind(String host, int port) {
      this.host = host;
      this.port = port;
      return this;
    }

    /** Connections served at once; more are closed at once (default 256). */
    public Builder maxConnections(int maxConnections) {
      this.maxConnections = maxConnections;
      return this;
    }

    /** How long a client may take to send its request (default 10 s). */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
      return this;
    }

    public Builder observer(Observer observer) {
      this.observer = observer;
      return this;
    }

    /**
     * Binds the request port and starts serving.
     *
     * @throws IOException when the port cannot be bound (in use, or no such address)
     */
    public RequestEndpoint build() throws IOException {
      Objects.requireNonNull(nodeKey, "nodeKey");
      Objects.requireNonNull(source, "source");
      ServerSocket listener = new ServerSocket();
      try {
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getByName(host), port), 128);
      } catch (IOException e) {
        listener.close();
        throw new IOException(
            "cannot listen for requests on TCP " + host + ":" + port + ": " + e.getMessage(), e);
      }
      return new RequestEndpoint(this, listener);
    }
  }
}
