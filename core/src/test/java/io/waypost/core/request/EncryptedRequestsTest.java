package io.waypost.core.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.core.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

class EncryptedRequestsTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
  private final SecureRandom random = new SecureRandom();
  private final EncryptedRequests client = new EncryptedRequests(clock, random);
  private final ECKeyPair nodeKey = key();
  private final RequestServer server =
      new RequestServer(
          nodeKey,
          request -> Bytes.concatenate(Bytes.wrap("echo:".getBytes()), request),
          clock,
          Duration.ofSeconds(60),
          10_000,
          random);

  @Test
  void roundTrip() throws Exception {
    Bytes request = utf8("messages for topics 0xabcd between 1700000000 and 1700003600");
    EncryptedRequests.Sealed sealed = client.seal(publicKey(nodeKey), request);
    assertTrue(
        !new String(sealed.wire().toArrayUnsafe(), StandardCharsets.ISO_8859_1).contains("topics"),
        "the request is not readable on the wire");
    Bytes answer = client.open(sealed, server.answer(sealed.wire()));
    assertEquals("echo:" + text(request), text(answer));
  }

  @Test
  void tamperedCiphertextIsRefused() {
    EncryptedRequests.Sealed sealed = client.seal(publicKey(nodeKey), utf8("hello"));
    byte[] wire = sealed.wire().toArray();
    wire[wire.length - 1] ^= 1;
    Bytes tampered = Bytes.wrap(wire);
    // What the node answers to the tampered bytes: a signed refusal naming the problem.
    EncryptedRequests.Sealed asSent =
        new EncryptedRequests.Sealed(
            tampered,
            sealed.nodeId(),
            sealed.nodePublicKey(),
            sealed.responseKey(),
            EncryptedRequests.keccak(tampered));
    assertRefused(asSent, server.answer(tampered), "tampered with, or sealed for another node");
    // The original sender cannot be fooled into taking that answer for one to its own request.
    assertRefused(sealed, server.answer(tampered), "forged or tampered");
  }

  @Test
  void aRequestForAnotherNodeIsRefused() {
    ECKeyPair other = key();
    EncryptedRequests.Sealed forOther = client.seal(publicKey(other), utf8("hello"));
    // Our node answers (signed) that it cannot read it; the client sees the signer is not the
    // node it sealed for.
    RequestRefusedException e =
        assertThrows(
            RequestRefusedException.class,
            () -> client.open(forOther, server.answer(forOther.wire())));
    assertTrue(e.getMessage().contains("not signed by node " + forOther.nodeId()), e.getMessage());
    // And as our node sees it: it cannot decrypt it.
    EncryptedRequests.Sealed asIfOurs =
        new EncryptedRequests.Sealed(
            forOther.wire(),
            server.nodeId(),
            publicKey(nodeKey),
            forOther.responseKey(),
            forOther.requestHash());
    assertRefused(asIfOurs, server.answer(forOther.wire()), "sealed for another node");
  }

  @Test
  void aReplayIsRefused() throws Exception {
    EncryptedRequests.Sealed sealed = client.seal(publicKey(nodeKey), utf8("once"));
    client.open(sealed, server.answer(sealed.wire()));
    assertRefused(sealed, server.answer(sealed.wire()), "already answered (a replay)");
  }

  @Test
  void anExpiredTimestampIsRefused() {
    EncryptedRequests.Sealed sealed = client.seal(publicKey(nodeKey), utf8("late"));
    clock.advance(Duration.ofSeconds(61));
    assertRefused(sealed, server.answer(sealed.wire()), "away from the node's clock");
  }

  @Test
  void aTamperedAnswerIsRefused() {
    EncryptedRequests.Sealed sealed = client.seal(publicKey(nodeKey), utf8("hello"));
    byte[] answer = server.answer(sealed.wire()).toArray();
    answer[20] ^= 1;
    RequestRefusedException e =
        assertThrows(RequestRefusedException.class, () -> client.open(sealed, Bytes.wrap(answer)));
    assertTrue(
        e.getMessage().contains("forged or tampered") || e.getMessage().contains("invalid"),
        e.getMessage());
  }

  @Test
  void garbageNeverThrowsOnTheNode() {
    for (int size : new int[] {0, 1, 10, 53, 70, 200, 70_000}) {
      byte[] junk = new byte[size];
      random.nextBytes(junk);
      if (size > 0) {
        junk[0] = 1;
      }
      Bytes answer = server.answer(Bytes.wrap(junk));
      assertTrue(answer.size() > 65, "a signed refusal for " + size + " bytes");
    }
  }

  private void assertRefused(EncryptedRequests.Sealed sealed, Bytes answer, String reason) {
    RequestRefusedException e =
        assertThrows(RequestRefusedException.class, () -> client.open(sealed, answer));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }

  private static ECKeyPair key() {
    try {
      return Keys.createEcKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Bytes publicKey(ECKeyPair key) {
    return Bytes.wrap(Numeric.toBytesPadded(key.getPublicKey(), 64));
  }

  private static Bytes utf8(String text) {
    return Bytes.wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(Bytes bytes) {
    return new String(bytes.toArrayUnsafe(), StandardCharsets.UTF_8);
  }
}
