package io.waypost.core.discovery.topic;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.rlp.RLP;

/**
 * A registrar's ticket (discv5-theory.md, "Tickets"): what the registrar needs to credit an
 * advertiser's waiting time without keeping per-request state. Times are the registrar's own clock
 * in milliseconds; the advertiser never reads them.
 *
 * <p>Encoding: RLP([ad-digest, t-init, t-mod, t-wait]) || HMAC-SHA256(key, that RLP). The key is
 * random per registrar run, so a restarted registrar simply treats old tickets as new attempts.
 */
record Ticket(Bytes32 adDigest, long tInit, long tMod, long tWait) {

  static final int MAC_BYTES = 32;

  /** Issues and checks tickets with one registrar's secret MAC key. */
  static final class Authority {
    private final SecretKeySpec key;

    Authority(SecureRandom random) {
      byte[] secret = new byte[32];
      random.nextBytes(secret);
      this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    Bytes issue(Ticket ticket) {
      Bytes body =
          RLP.encodeList(
              w -> {
                w.writeValue(ticket.adDigest());
                w.writeLong(ticket.tInit());
                w.writeLong(ticket.tMod());
                w.writeLong(ticket.tWait());
              });
      return Bytes.concatenate(body, mac(body));
    }

    /** The ticket, if it is well-formed and this registrar made it. */
    Optional<Ticket> verify(Bytes encoded) {
      if (encoded.size() <= MAC_BYTES) {
        return Optional.empty();
      }
      Bytes body = encoded.slice(0, encoded.size() - MAC_BYTES);
      Bytes tag = encoded.slice(encoded.size() - MAC_BYTES);
      if (!MessageDigest.isEqual(mac(body).toArrayUnsafe(), tag.toArrayUnsafe())) {
        return Optional.empty();
      }
      try {
        return Optional.of(
            RLP.decodeList(
                body,
                r ->
                    new Ticket(
                        Bytes32.wrap(r.readValue()), r.readLong(), r.readLong(), r.readLong())));
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    }

    private Bytes mac(Bytes body) {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(key);
        return Bytes.wrap(mac.doFinal(body.toArrayUnsafe()));
      } catch (NoSuchAlgorithmException | InvalidKeyException e) {
        throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
      }
    }
  }
}
