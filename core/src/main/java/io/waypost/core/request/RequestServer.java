package io.waypost.core.request;

import io.waypost.core.model.NodeId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.bouncycastle.math.ec.ECPoint;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * The node side of encrypted requests: opens envelopes sealed for this node's key, refuses
 * tampered, misdirected, expired and replayed ones with a signed reason, passes the rest to the
 * service's {@link RequestHandler} and seals its answer. It never throws on bad input.
 */
public final class RequestServer {

  /** The TALKREQ protocol id encrypted requests travel under. */
  public static final Bytes PROTOCOL = Bytes.wrap("wp-req/1".getBytes(StandardCharsets.US_ASCII));

  /**
   * The largest answer sent in one TALKRESP: a discv5 packet is at most 1,280 bytes, and the
   * answer's own framing, the TALKRESP message and the packet's header take the rest.
   */
  public static final int MAX_TALK_ANSWER = 1_000;

  private final ECKeyPair nodeKey;
  private final NodeId nodeId;
  private final RequestHandler handler;
  private final Clock clock;
  private final Duration window;
  private final int maxRemembered;
  private final SecureRandom random;
  private final Set<Bytes32> seen = new HashSet<>();
  private final Deque<Seen> order = new ArrayDeque<>();

  private record Seen(Bytes32 hash, long expiresAtMillis) {}

  /**
   * @param window how far a request's timestamp may be from this node's clock; answered requests
   *     are remembered for twice that, so a replay is refused as either replayed or expired
   * @param maxRemembered bound on remembered requests; when full of unexpired ones the node refuses
   *     new requests ("busy") rather than forget and accept replays
   */
  public RequestServer(
      ECKeyPair nodeKey,
      RequestHandler handler,
      Clock clock,
      Duration window,
      int maxRemembered,
      SecureRandom random) {
    this.nodeKey = nodeKey;
    this.nodeId =
        NodeId.fromPublicKey(Bytes.wrap(Numeric.toBytesPadded(nodeKey.getPublicKey(), 64)));
    this.handler = handler;
    this.clock = clock;
    this.window = window;
    this.maxRemembered = maxRemembered;
    this.random = random;
  }

  /** A request that passed every check: its plaintext and what its answer is sealed with. */
  record Opened(Bytes plaintext, Bytes32 requestHash, Bytes responseKey) {}

  /**
   * Answers one request in a single message (TALKREQ): an encrypted answer, or a signed refusal
   * with its reason. Answers larger than {@code maxAnswer} are refused: they belong on the stream.
   */
  public Bytes answer(Bytes wire) {
    return answer(wire, RequestEndpoint.Observer.NONE);
  }

  /** As {@link #answer(Bytes)}, telling {@code observer} what became of the request. */
  Bytes answer(Bytes wire, RequestEndpoint.Observer observer) {
    Bytes32 requestHash = EncryptedRequests.keccak(wire);
    long start = System.nanoTime();
    try {
      Opened opened = open(wire);
      Bytes result;
      try {
        result = handler.handle(opened.plaintext());
      } catch (Exception e) {
        throw new RequestRefusedException(
            RequestRefusedException.Reason.SERVICE,
            "the service could not answer: " + e.getMessage());
      }
      if (result.size() > MAX_TALK_ANSWER) {
        throw new RequestRefusedException(
            RequestRefusedException.Reason.SERVICE,
            "the answer is "
                + result.size()
                + " bytes, more than fits in one TALKRESP ("
                + MAX_TALK_ANSWER
                + "): use the request stream");
      }
      Bytes nonce = RequestCrypto.random(random, RequestCrypto.NONCE_BYTES);
      Bytes body =
          RequestCrypto.seal(opened.responseKey(), nonce, RequestAnswer.aad(requestHash), result);
      Bytes answer = signed(requestHash, false, nonce, body);
      observer.answered(
          RequestEndpoint.Via.TALKREQ, result.size(), Duration.ofNanos(System.nanoTime() - start));
      return answer;
    } catch (RequestRefusedException refused) {
      observer.refused(RequestEndpoint.Via.TALKREQ, refused.reason(), refused.getMessage());
      Bytes reason = Bytes.wrap(refused.getMessage().getBytes(StandardCharsets.UTF_8));
      return signed(
          requestHash, true, RequestCrypto.random(random, RequestCrypto.NONCE_BYTES), reason);
    }
  }

  /**
   * Checks a request envelope in the order docs/requests.md gives (form, freshness, key,
   * authentication, replay) and opens it. Each request is opened at most once, whichever way it
   * came (TALKREQ or stream): a second time it is refused as a replay.
   */
  Opened open(Bytes wire) throws RequestRefusedException {
    Bytes32 requestHash = EncryptedRequests.keccak(wire);
    RequestEnvelope envelope = RequestEnvelope.decode(wire);
    long skew = Math.abs(clock.millis() - envelope.timestampMillis());
    if (skew > window.toMillis()) {
      throw new RequestRefusedException(
          RequestRefusedException.Reason.EXPIRED,
          "the request's timestamp is "
              + skew / 1000
              + " s away from the node's clock (allowed: "
              + window.toSeconds()
              + " s): it expired, or the clocks disagree");
    }
    ECPoint ephemeral;
    try {
      ephemeral = RequestCrypto.point(envelope.ephemeralKey());
    } catch (RuntimeException e) {
      throw new RequestRefusedException(
          RequestRefusedException.Reason.MALFORMED,
          "the request's ephemeral key is not a secp256k1 point");
    }
    Bytes keys =
        RequestCrypto.keys(
            RequestCrypto.sharedSecret(nodeKey.getPrivateKey(), ephemeral),
            nodeId.value(),
            Bytes.concatenate(RequestCrypto.ascii(RequestEnvelope.LABEL), envelope.ephemeralKey()));
    Bytes plaintext;
    try {
      plaintext =
          RequestCrypto.open(
              keys.slice(0, 32),
              envelope.nonce(),
              EncryptedRequests.aad(envelope, nodeId),
              envelope.ciphertext());
    } catch (GeneralSecurityException e) {
      throw new RequestRefusedException(
          RequestRefusedException.Reason.UNREADABLE,
          "the request does not decrypt with this node's key: it was tampered with, or sealed for"
              + " another node");
    }
    remember(requestHash);
    return new Opened(plaintext, requestHash, keys.slice(32, 32));
  }

  private synchronized void remember(Bytes32 requestHash) throws RequestRefusedException {
    long now = clock.millis();
    while (!order.isEmpty() && order.peekFirst().expiresAtMillis() <= now) {
      seen.remove(order.removeFirst().hash());
    }
    if (seen.contains(requestHash)) {
      throw new RequestRefusedException(
          RequestRefusedException.Reason.REPLAYED,
          "this exact request was already answered (a replay)");
    }
    if (seen.size() >= maxRemembered) {
      throw new RequestRefusedException(
          RequestRefusedException.Reason.BUSY, "the node is busy; try again shortly");
    }
    seen.add(requestHash);
    order.addLast(new Seen(requestHash, now + 2 * window.toMillis()));
  }

  private Bytes signed(Bytes32 requestHash, boolean refused, Bytes nonce, Bytes body) {
    Bytes32 digest = RequestAnswer.digest(requestHash, refused, nonce, body);
    return new RequestAnswer(refused, nonce, body, sign(digest)).encode();
  }

  /** The node key's signature over a 32-byte digest: r (32) || s (32) || v (1, 27 or 28). */
  Bytes sign(Bytes32 digest) {
    Sign.SignatureData signature = Sign.signMessage(digest.toArrayUnsafe(), nodeKey, false);
    return Bytes.concatenate(
        Bytes.wrap(signature.getR()), Bytes.wrap(signature.getS()), Bytes.wrap(signature.getV()));
  }

  public NodeId nodeId() {
    return nodeId;
  }
}
