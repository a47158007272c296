package io.waypost.core.discovery.talk;

import io.waypost.core.discovery.Crypto;
import io.waypost.core.discovery.NodeKey;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.rlp.RLP;
import org.ethereum.beacon.discovery.schema.NodeRecord;

/**
 * A liveness probe stronger than PING: the node signs the prober's nonce and its own clock with its
 * node key, proving the key holder is online now (the registry's key, not just an address).
 *
 * <pre>
 * TALKREQ  "wp-probe/1": RLP([nonce])                 nonce 1..32 bytes
 * TALKRESP              RLP([timestamp-ms, signature]) signature 65 bytes r||s||v over
 *          keccak256("waypost-probe/1" || nonce || uint64-be(timestamp-ms))
 * </pre>
 */
public final class ProbeProtocol implements TalkProtocol {

  public static final Bytes PROTOCOL = Bytes.wrap("wp-probe/1".getBytes());
  private static final Bytes DOMAIN = Bytes.wrap("waypost-probe/1".getBytes());

  private final NodeKey key;
  private final Clock clock;

  public ProbeProtocol(NodeKey key, Clock clock) {
    this.key = key;
    this.clock = clock;
  }

  /** A verified answer: when the node says it signed. */
  public record ProbeAnswer(long timestampMillis) {}

  @Override
  public CompletableFuture<Bytes> handle(NodeRecord source, Bytes request) {
    Bytes nonce;
    try {
      nonce = RLP.decodeList(request, r -> r.readValue());
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(Bytes.EMPTY);
    }
    if (nonce.isEmpty() || nonce.size() > 32) {
      return CompletableFuture.completedFuture(Bytes.EMPTY);
    }
    long now = clock.millis();
    Bytes signature = key.sign(digest(nonce, now));
    return CompletableFuture.completedFuture(
        RLP.encodeList(
            w -> {
              w.writeLong(now);
              w.writeValue(signature);
            }));
  }

  public static Bytes request(Bytes nonce) {
    return RLP.encodeList(w -> w.writeValue(nonce));
  }

  /** Checks an answer against the 64-byte public key the prober expects. */
  public static Optional<ProbeAnswer> verify(Bytes nonce, Bytes response, Bytes publicKey) {
    try {
      long[] timestamp = new long[1];
      Bytes signature =
          RLP.decodeList(
              response,
              r -> {
                timestamp[0] = r.readLong();
                return r.readValue();
              });
      return Crypto.recover(digest(nonce, timestamp[0]), signature)
          .filter(publicKey::equals)
          .map(k -> new ProbeAnswer(timestamp[0]));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Bytes32 digest(Bytes nonce, long timestamp) {
    return Crypto.keccak(Bytes.concatenate(DOMAIN, nonce, Bytes.ofUnsignedLong(timestamp)));
  }
}
