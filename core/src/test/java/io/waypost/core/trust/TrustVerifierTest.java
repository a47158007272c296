package io.waypost.core.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.core.index.IndexerState;
import io.waypost.core.index.RegistryView.IndexedProvider;
import io.waypost.core.model.Address;
import io.waypost.core.model.NodeId;
import io.waypost.core.model.ProviderStatus;
import io.waypost.core.model.ServiceId;
import io.waypost.core.registry.Verification;
import io.waypost.core.testing.MutableClock;
import io.waypost.core.trust.Observation.Advertisement;
import io.waypost.core.trust.Observation.Liveness;
import io.waypost.core.trust.TrustVerdict.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;

class TrustVerifierTest {

  private static final ServiceId MAIL = ServiceId.of("mailserver");
  private static final Address STATUS = Address.of("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
  private static final Address OLDMAIL = Address.of("0x90f79bf6eb2c4f870365e785982e1f101e93b906");
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
  private final TrustVerifier verifier = new TrustVerifier(clock);

  @Test
  void eachFailingCheckIsNamedWithItsReason() {
    RegistrySnapshot registry = snapshot(new IndexerState.Synced(10, clock.instant()));
    List<TrustVerdict> verdicts =
        verifier.verify(
            List.of(
                seen(1, Set.of(Advertisement.TOPIC_AD), Liveness.proven(Duration.ofMillis(3))),
                seen(2, Set.of(Advertisement.ENR_ENTRY), Liveness.proven(Duration.ofMillis(4))),
                seen(3, Set.of(Advertisement.TOPIC_AD), Liveness.proven(Duration.ofMillis(4))),
                seen(1, Set.of(), Liveness.failed("no answer to PING within 1 s")),
                new Observation(
                    node(4),
                    MAIL,
                    Optional.of("bad signature"),
                    Set.of(Advertisement.TOPIC_AD),
                    Liveness.notYetProbed())),
            registry,
            Set.of(STATUS),
            Set.of(node(3)),
            Map.of());
    assertEquals(Kind.TRUSTED, verdicts.get(0).kind());
    TrustVerdict suspended = verdicts.get(1);
    assertEquals(Kind.UNTRUSTED, suspended.kind());
    assertEquals(TrustCheck.PROVIDER_APPROVED, suspended.failing().get(0).check());
    assertTrue(
        suspended.summary().contains("Old Mail Co is suspended: stale data"), suspended.summary());
    assertEquals(Kind.CUSTOM, verdicts.get(2).kind(), "custom servers are always shown as custom");
    TrustVerdict dead = verdicts.get(3);
    assertEquals(
        List.of(TrustCheck.ADVERTISES, TrustCheck.ALIVE),
        dead.failing().stream().map(CheckOutcome::check).toList());
    TrustVerdict forged = verdicts.get(4);
    assertEquals(TrustCheck.RECORD, forged.failing().get(0).check());
    assertTrue(forged.failing().stream().anyMatch(c -> c.check() == TrustCheck.REGISTERED));
  }

  @Test
  void aProviderTheUserDoesNotTrustFailsTheTrustCheckOnly() {
    List<TrustVerdict> verdicts =
        verifier.verify(
            List.of(seen(1, Set.of(Advertisement.TOPIC_AD), Liveness.proven(Duration.ofMillis(3)))),
            snapshot(new IndexerState.Synced(10, clock.instant())),
            Set.of(),
            Set.of(),
            Map.of());
    assertEquals(
        List.of(TrustCheck.PROVIDER_TRUSTED),
        verdicts.get(0).failing().stream().map(CheckOutcome::check).toList());
  }

  @Test
  void staleOrMissingRegistryStateGivesUnknownWithItsAge() {
    IndexerState stale =
        new IndexerState.Stale(OptionalLong.of(10), clock.instant(), "endpoint down");
    clock.advance(Duration.ofSeconds(90));
    TrustVerdict verdict =
        verifier
            .verify(
                List.of(
                    seen(1, Set.of(Advertisement.TOPIC_AD), Liveness.proven(Duration.ofMillis(3)))),
                snapshot(stale),
                Set.of(STATUS),
                Set.of(),
                Map.of())
            .get(0);
    assertEquals(Kind.UNKNOWN, verdict.kind());
    assertEquals(Duration.ofSeconds(90), verdict.registryAge().orElseThrow());
    assertTrue(verdict.summary().contains("90 s old"));
    TrustVerdict starting =
        verifier
            .verify(
                List.of(
                    seen(1, Set.of(Advertisement.TOPIC_AD), Liveness.proven(Duration.ofMillis(3)))),
                snapshot(new IndexerState.Starting()),
                Set.of(STATUS),
                Set.of(),
                Map.of())
            .get(0);
    assertEquals(Kind.UNKNOWN, starting.kind());
  }

  @Test
  void theContractsAnswerTakesPrecedenceOverTheIndex() {
    Verification onChain =
        new Verification(node(1), MAIL, false, Optional.of(STATUS), ProviderStatus.SUSPENDED);
    TrustVerdict verdict =
        verifier
            .verify(
                List.of(
                    seen(1, Set.of(Advertisement.TOPIC_AD), Liveness.proven(Duration.ofMillis(3)))),
                snapshot(new IndexerState.Synced(10, clock.instant())),
                Set.of(STATUS),
                Set.of(),
                Map.of(node(1), onChain))
            .get(0);
    assertEquals(Kind.UNTRUSTED, verdict.kind());
    assertTrue(verdict.failing().get(0).detail().contains("confirmed on-chain"));
  }

  private RegistrySnapshot snapshot(IndexerState state) {
    return new RegistrySnapshot(
        Map.of(
            new RegistrySnapshot.Registration(node(1), MAIL), STATUS,
            new RegistrySnapshot.Registration(node(2), MAIL), OLDMAIL),
        Map.of(
            STATUS, provider(STATUS, "Status", ProviderStatus.APPROVED, null),
            OLDMAIL, provider(OLDMAIL, "Old Mail Co", ProviderStatus.SUSPENDED, "stale data")),
        Map.of(MAIL, "mailserver"),
        state);
  }

  private static IndexedProvider provider(
      Address a, String name, ProviderStatus status, String reason) {
    return new IndexedProvider(
        a, status, name, "", Optional.ofNullable(reason), Instant.EPOCH, Instant.EPOCH);
  }

  private static Observation seen(int node, Set<Advertisement> how, Liveness liveness) {
    return new Observation(node(node), MAIL, Optional.empty(), how, liveness);
  }

  private static NodeId node(int i) {
    return new NodeId(Bytes32.leftPad(Bytes.ofUnsignedInt(i)));
  }
}
