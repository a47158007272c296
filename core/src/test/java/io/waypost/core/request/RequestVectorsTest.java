package io.waypost.core.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.utils.Numeric;

/**
 * The known-answer vectors of docs/requests.md, computed by the code and compared with the
 * document's own text, so that the spec and the implementation cannot drift apart.
 */
class RequestVectorsTest {

  static final Path SPEC = Path.of("..", "docs", "requests.md");

  private static final BigInteger NODE_SECRET = new BigInteger("01".repeat(32), 16);
  private static final BigInteger EPHEMERAL_SECRET = new BigInteger("02".repeat(32), 16);
  private static final Bytes NONCE = Bytes.fromHexString("03".repeat(12));
  private static final long TIMESTAMP = 1_764_000_000_000L;
  private static final Bytes REQUEST = ascii("messages for 0xabcd");
  private static final Clock AT_TIMESTAMP =
      Clock.fixed(Instant.ofEpochMilli(TIMESTAMP), ZoneOffset.UTC);

  @Test
  void theSpecsVectorsAreWhatTheCodeComputes() throws Exception {
    Map<String, String> computed = compute();
    Map<String, String> documented = documented();
    StringBuilder table = new StringBuilder();
    computed.forEach((name, hex) -> table.append(name).append(": ").append(hex).append('\n'));
    assertEquals(
        computed.keySet(), documented.keySet(), "the vectors the spec lists; computed:\n" + table);
    computed.forEach(
        (name, hex) ->
            assertEquals(hex, documented.get(name), name + " differs; computed:\n" + table));
  }

  /**
   * interop/discv5-js/request-vectors.mjs implements the spec again, in JavaScript with the noble
   * libraries and Node's AES-GCM, from this document alone: it must reach the same bytes.
   */
  @Test
  void aSecondImplementationInJavaScriptAgrees() throws Exception {
    Path dir = Path.of(System.getProperty("waypost.interop.discv5js.dir", "../interop/discv5-js"));
    Process node =
        new ProcessBuilder("node", "request-vectors.mjs", SPEC.toAbsolutePath().toString())
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(node.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "node finished");
    assertEquals(0, node.exitValue(), output);
    assertEquals("vectors ok", output.strip());
  }

  private Map<String, String> compute() throws IOException, RequestRefusedException {
    ECKeyPair nodeKey = ECKeyPair.create(NODE_SECRET);
    Bytes nodePublicKey = Bytes.wrap(Numeric.toBytesPadded(nodeKey.getPublicKey(), 64));
    EncryptedRequests client = new EncryptedRequests(AT_TIMESTAMP, new SecureRandom());
    EncryptedRequests.Sealed sealed =
        client.seal(nodePublicKey, REQUEST, EPHEMERAL_SECRET, NONCE, TIMESTAMP);

    Map<String, String> v = new LinkedHashMap<>();
    v.put("node public key", nodePublicKey.toUnprefixedHexString());
    v.put("node id", sealed.nodeId().value().toUnprefixedHexString());
    v.put(
        "ephemeral key",
        RequestCrypto.compressed(RequestCrypto.CURVE.getG().multiply(EPHEMERAL_SECRET).normalize())
            .toUnprefixedHexString());
    Bytes shared = RequestCrypto.sharedSecret(EPHEMERAL_SECRET, RequestCrypto.point(nodePublicKey));
    v.put("shared secret", shared.toUnprefixedHexString());
    v.put("request", REQUEST.toUnprefixedHexString());
    v.put("envelope", sealed.wire().toUnprefixedHexString());
    v.put("request hash", sealed.requestHash().toUnprefixedHexString());
    Bytes keys =
        RequestCrypto.keys(
            RequestCrypto.sharedSecret(EPHEMERAL_SECRET, RequestCrypto.point(nodePublicKey)),
            sealed.nodeId().value(),
            Bytes.concatenate(
                RequestCrypto.ascii(RequestEnvelope.LABEL), sealed.wire().slice(1, 33)));
    v.put("key_req", keys.slice(0, 32).toUnprefixedHexString());
    v.put("key_resp", sealed.responseKey().toUnprefixedHexString());
    assertEquals(keys.slice(32, 32), sealed.responseKey());

    try (RequestEndpoint endpoint =
        RequestEndpoint.builder()
            .nodeKey(nodeKey)
            .clock(AT_TIMESTAMP)
            .handler(request -> Bytes.EMPTY)
            .bind("127.0.0.1", 0)
            .build()) {
      RequestServer.Opened opened = endpoint.server().open(sealed.wire());
      assertEquals(REQUEST, opened.plaintext(), "the node reads the request");
      ByteArrayOutputStream stream = new ByteArrayOutputStream();
      endpoint.stream(twoPieces("hello ", "world"), stream, opened);
      Bytes frames = Bytes.wrap(stream.toByteArray());
      // chunk 0 ("hello ", 6 + 16 bytes), chunk 1 ("world", 5 + 16), end (81)
      v.put("chunk 0 frame", frames.slice(0, 5 + 22).toUnprefixedHexString());
      v.put("chunk 1 frame", frames.slice(27, 5 + 21).toUnprefixedHexString());
      v.put("end frame", frames.slice(53).toUnprefixedHexString());
      assertEquals(53 + 5 + 81, frames.size());

      ByteArrayOutputStream refusal = new ByteArrayOutputStream();
      endpoint.refuse(
          refusal,
          sealed.requestHash(),
          RequestRefusedException.Reason.BUSY,
          "the node is busy; try again shortly");
      v.put("refusal frame", Bytes.wrap(refusal.toByteArray()).toUnprefixedHexString());

      // The answer must open with the client's own code, as a second implementation's would.
      try (AnswerStream answer =
          new AnswerStream(new ByteArrayInputStream(stream.toByteArray()), () -> {}, sealed, 100)) {
        assertEquals("hello world", new String(answer.readAllBytes(), StandardCharsets.UTF_8));
      }
    }

    RequestServer talk =
        new RequestServer(
            nodeKey,
            request -> ascii("hello world"),
            AT_TIMESTAMP,
            RequestEndpoint.WINDOW,
            10,
            fixedRandom(0x04));
    Bytes talkAnswer = talk.answer(sealed.wire());
    v.put("talkresp answer", talkAnswer.toUnprefixedHexString());
    assertEquals("hello world", new String(client.open(sealed, talkAnswer).toArrayUnsafe()));
    return v;
  }

  /** The lines {@code name: hex} of the spec's {@code vectors} block. */
  static Map<String, String> documented() throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    boolean inBlock = false;
    for (String line : Files.readAllLines(SPEC)) {
      if (line.strip().equals("```vectors")) {
        inBlock = true;
      } else if (inBlock && line.strip().equals("```")) {
        inBlock = false;
      } else if (inBlock && line.contains(":") && !line.startsWith("#")) {
        int colon = line.indexOf(':');
        String name = line.substring(0, colon).strip();
        String value = line.substring(colon + 1).strip();
        if (value.matches("[0-9a-f]+")) {
          values.put(name, value);
        }
      }
    }
    return values;
  }

  private static InputStream twoPieces(String first, String second) {
    byte[] a = first.getBytes(StandardCharsets.US_ASCII);
    byte[] b = second.getBytes(StandardCharsets.US_ASCII);
    return new InputStream() {
      private int piece;

      @Override
      public int read() {
        throw new UnsupportedOperationException();
      }

      @Override
      public int read(byte[] buffer, int offset, int length) {
        byte[] next = piece == 0 ? a : piece == 1 ? b : null;
        piece++;
        if (next == null) {
          return -1;
        }
        System.arraycopy(next, 0, buffer, offset, next.length);
        return next.length;
      }
    };
  }

  private static SecureRandom fixedRandom(int fill) {
    return new SecureRandom() {
      private static final long serialVersionUID = 1L;

      @Override
      public void nextBytes(byte[] bytes) {
        java.util.Arrays.fill(bytes, (byte) fill);
      }
    };
  }

  private static Bytes ascii(String text) {
    return Bytes.wrap(text.getBytes(StandardCharsets.US_ASCII));
  }
}
