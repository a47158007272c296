package io.waypost.core.request;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/**
 * The request stream over real TCP on loopback: large answers, streaming, and every way a stream
 * can be cut, reordered, replayed or tampered with.
 */
@Timeout(60)
class RequestStreamTest {

  private static final int FOUR_MIB = 4 * 1024 * 1024;

  private final SecureRandom random = new SecureRandom();
  private final EncryptedRequests requests = new EncryptedRequests(Clock.systemUTC(), random);
  private final RequestChannel channel = RequestChannel.withDefaults(requests);
  private final ECKeyPair nodeKey = key();
  private final List<RequestEndpoint> endpoints = new ArrayList<>();

  @AfterEach
  void stop() {
    endpoints.forEach(RequestEndpoint::close);
  }

  @Test
  void aFourMibAnswerToA64KibRequestArrivesWholeAndVerified() throws Exception {
    byte[] answer = bytes(FOUR_MIB, 1);
    Bytes request = Bytes.wrap(bytes(64 * 1024, 2));
    RequestEndpoint endpoint =
        start(
            r -> {
              assertEquals(request, r, "the node sees the request's plaintext");
              return new ByteArrayInputStream(answer);
            });
    try (AnswerStream stream = channel.send(address(endpoint), publicKey(nodeKey), request)) {
      assertArrayEquals(answer, stream.readAllBytes());
      assertEquals(FOUR_MIB, stream.length());
    }
  }

  @Test
  void theClientReadsTheFirstPieceBeforeTheAnswerExists() throws Exception {
    CountDownLatch firstRead = new CountDownLatch(1);
    RequestEndpoint endpoint =
        start(
            r ->
                new InputStream() {
                  private int sent;

                  @Override
                  public int read() {
                    throw new UnsupportedOperationException();
                  }

                  @Override
                  public int read(byte[] b, int off, int len) throws IOException {
                    if (sent == 1) {
                      // The rest of the answer does not exist until the client has read the start.
                      try {
                        if (!firstRead.await(20, TimeUnit.SECONDS)) {
                          throw new IOException("the client never read the first piece");
                        }
                      } catch (InterruptedException e) {
                        throw new IOException(e);
                      }
                    }
                    if (sent == 2) {
                      return -1;
                    }
                    sent++;
                    b[off] = (byte) ('a' + sent);
                    return 1;
                  }
                });
    try (AnswerStream stream =
        channel.send(address(endpoint), publicKey(nodeKey), Bytes.of(1, 2, 3))) {
      assertEquals('b', stream.read());
      firstRead.countDown();
      assertEquals('c', stream.read());
      assertEquals(-1, stream.read());
    }
  }

  @Test
  void aTruncatedStreamIsRefused() throws Exception {
    Recorded recorded = record(FOUR_MIB / 16);
    List<StreamFrames.Frame> frames = new ArrayList<>(recorded.frames);
    frames.removeLast(); // the end frame
    assertRefused(recorded.sealed, frames, "without the node's end frame (truncated)");
    frames.removeLast(); // and the last chunk too
    assertRefused(recorded.sealed, frames, "without the node's end frame (truncated)");
    // An end frame from the full answer after a shortened one: the counts give it away.
    frames.add(recorded.frames.getLast());
    assertRefused(recorded.sealed, frames, "truncated or tampered");
  }

  @Test
  void reorderedReplayedAndTamperedChunksAreRefused() throws Exception {
    Recorded recorded = record(FOUR_MIB / 16);
    assertTrue(recorded.frames.size() >= 3, "several chunks: " + recorded.frames.size());

    List<StreamFrames.Frame> reordered = new ArrayList<>(recorded.frames);
    reordered.set(0, recorded.frames.get(1));
    reordered.set(1, recorded.frames.get(0));
    assertRefused(recorded.sealed, reordered, "chunk 0 of the answer does not authenticate");

    List<StreamFrames.Frame> replayed = new ArrayList<>(recorded.frames);
    replayed.add(1, recorded.frames.get(0));
    assertRefused(recorded.sealed, replayed, "chunk 1 of the answer does not authenticate");

    List<StreamFrames.Frame> tampered = new ArrayList<>(recorded.frames);
    byte[] chunk = recorded.frames.get(1).payload().toArray();
    chunk[100] ^= 1;
    tampered.set(1, new StreamFrames.Frame(StreamFrames.CHUNK, Bytes.wrap(chunk)));
    assertRefused(recorded.sealed, tampered, "chunk 1 of the answer does not authenticate");

    // The stream of another request to the same node does not pass for this one's.
    Recorded other = record(FOUR_MIB / 16);
    assertRefused(recorded.sealed, other.frames, "chunk 0 of the answer does not authenticate");

    // Unmodified, the recorded stream is accepted: the refusals above are the changes' doing.
    assertEquals(FOUR_MIB / 16, stream(recorded.sealed, recorded.frames).readAllBytes().length);
  }

  @Test
  void aReplayedRequestIsRefusedSigned() throws Exception {
    RequestEndpoint endpoint = start(r -> new ByteArrayInputStream(new byte[] {1}));
    EncryptedRequests.Sealed sealed = requests.seal(publicKey(nodeKey), Bytes.of(7));
    assertEquals(1, stream(sealed, exchange(endpoint, sealed.wire())).readAllBytes().length);
    assertRefused(sealed, exchange(endpoint, sealed.wire()), "already answered (a replay)");
  }

  @Test
  void expiredMisdirectedAndFailedRequestsAreRefusedWithTheirReason() throws Exception {
    RequestEndpoint endpoint =
        start(
            r -> {
              if (r.size() == 1) {
                throw new IllegalStateException("the mail store is offline");
              }
              return new ByteArrayInputStream(new byte[] {1});
            });
    EncryptedRequests old =
        new EncryptedRequests(
            Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-5)), new SecureRandom());
    EncryptedRequests.Sealed stale = old.seal(publicKey(nodeKey), Bytes.of(1, 2));
    assertRefused(stale, exchange(endpoint, stale.wire()), "expired, or the clocks disagree");

    ECKeyPair otherNode = key();
    EncryptedRequests.Sealed misdirected = requests.seal(publicKey(otherNode), Bytes.of(1, 2));
    // Our node signs its refusal; the client sealed for another key and sees the signer differ.
    assertRefused(misdirected, exchange(endpoint, misdirected.wire()), "(forged or tampered)");

    EncryptedRequests.Sealed failing = requests.seal(publicKey(nodeKey), Bytes.of(1));
    assertRefused(
        failing,
        exchange(endpoint, failing.wire()),
        "the node refused the request: the service could not answer: the mail store is offline");
  }

  @Test
  void aServiceThatFailsMidAnswerEndsTheStreamWithASignedRefusal() throws Exception {
    RequestEndpoint endpoint =
        start(
            r ->
                new InputStream() {
                  private boolean sent;

                  @Override
                  public int read() {
                    throw new UnsupportedOperationException();
                  }

                  @Override
                  public int read(byte[] b, int off, int len) throws IOException {
                    if (sent) {
                      throw new IOException("the backend hung up");
                    }
                    sent = true;
                    b[off] = 42;
                    return 1;
                  }
                });
    try (AnswerStream stream = channel.send(address(endpoint), publicKey(nodeKey), Bytes.of(5))) {
      assertEquals(42, stream.read());
      IOException e = assertThrows(IOException.class, stream::read);
      assertTrue(
          e.getMessage().contains("failed while answering: the backend hung up"), e.getMessage());
    }
  }

  @Test
  void garbageOnThePortIsDroppedAndTheNodeKeepsServing() throws Exception {
    RequestEndpoint endpoint = start(r -> new ByteArrayInputStream(new byte[] {9}));
    Random garbage = new Random(14);
    for (int i = 0; i < 200; i++) {
      byte[] junk = new byte[garbage.nextInt(1, 300)];
      garbage.nextBytes(junk);
      if (i % 3 == 0) {
        junk[0] = StreamFrames.REQUEST; // a request frame with a random length and body
      }
      try (Socket socket = new Socket()) {
        socket.connect(address(endpoint), 2000);
        socket.setSoTimeout(5000);
        socket.getOutputStream().write(junk);
        socket.shutdownOutput();
        socket.getInputStream().readAllBytes();
      } catch (IOException closedByTheNode) {
        // A reset is as good as a close.
      }
    }
    try (AnswerStream stream = channel.send(address(endpoint), publicKey(nodeKey), Bytes.of(1))) {
      assertArrayEquals(new byte[] {9}, stream.readAllBytes());
    }
  }

  @Test
  void oversizedRequestsAreRefusedBeforeSending() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> requests.seal(publicKey(nodeKey), Bytes.wrap(new byte[64 * 1024 + 1])));
    assertTrue(e.getMessage().contains("at most 65536"), e.getMessage());
  }

  // --- helpers

  private record Recorded(EncryptedRequests.Sealed sealed, List<StreamFrames.Frame> frames) {}

  /** A real node's frames for one request, as they came off the socket. */
  private Recorded record(int answerBytes) throws Exception {
    byte[] answer = bytes(answerBytes, 3);
    RequestEndpoint endpoint =
        endpoints.isEmpty() ? start(r -> new ByteArrayInputStream(answer)) : endpoints.getFirst();
    EncryptedRequests.Sealed sealed = requests.seal(publicKey(nodeKey), Bytes.of(1, 2, 3, 4));
    return new Recorded(sealed, exchange(endpoint, sealed.wire()));
  }

  private static List<StreamFrames.Frame> exchange(RequestEndpoint endpoint, Bytes envelope)
      throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(address(endpoint), 2000);
      socket.setSoTimeout(10_000);
      StreamFrames.write(socket.getOutputStream(), StreamFrames.REQUEST, envelope);
      DataInputStream in = new DataInputStream(socket.getInputStream());
      List<StreamFrames.Frame> frames = new ArrayList<>();
      while (true) {
        try {
          frames.add(StreamFrames.read(in));
        } catch (EOFException end) {
          return frames;
        }
      }
    }
  }

  private static AnswerStream stream(EncryptedRequests.Sealed sealed, List<StreamFrames.Frame> f)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (StreamFrames.Frame frame : f) {
      StreamFrames.write(bytes, frame.type(), frame.payload());
    }
    return new AnswerStream(
        new ByteArrayInputStream(bytes.toByteArray()), () -> {}, sealed, 1L << 30);
  }

  private static void assertRefused(
      EncryptedRequests.Sealed sealed, List<StreamFrames.Frame> frames, String reason) {
    IOException e =
        assertThrows(
            AnswerStream.RefusedAnswerException.class, () -> stream(sealed, frames).readAllBytes());
    assertTrue(e.getMessage().contains(reason), "expected «" + reason + "» in: " + e.getMessage());
  }

  private RequestEndpoint start(AnswerSource source) throws IOException {
    RequestEndpoint endpoint =
        RequestEndpoint.builder().nodeKey(nodeKey).source(source).bind("127.0.0.1", 0).build();
    endpoints.add(endpoint);
    return endpoint;
  }

  private static InetSocketAddress address(RequestEndpoint endpoint) {
    return new InetSocketAddress("127.0.0.1", endpoint.port());
  }

  private static byte[] bytes(int size, int seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  static ECKeyPair key() {
    try {
      return Keys.createEcKeyPair(new SecureRandom());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Bytes publicKey(ECKeyPair key) {
    return Bytes.wrap(Numeric.toBytesPadded(key.getPublicKey(), 64));
  }
}
