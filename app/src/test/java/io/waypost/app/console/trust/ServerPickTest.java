package io.waypost.app.console.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.core.model.Address;
import io.waypost.core.model.NodeId;
import io.waypost.core.model.ServiceId;
import io.waypost.core.selection.ServerSelector;
import io.waypost.core.trust.CheckOutcome;
import io.waypost.core.trust.Observation.Liveness;
import io.waypost.core.trust.TrustCheck;
import io.waypost.core.trust.TrustVerdict;
import io.waypost.core.trust.TrustVerdict.Kind;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pick rule in rows and words: which server a client would pick now, and why not the rest. */
class ServerPickTest {

  private static final ServiceId MAIL = ServiceId.of("mailserver");
  private static final Address STATUS = Address.of("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
  private final ServerSelector selector = new ServerSelector(Clock.systemUTC(), new SecureRandom());
  private final Map<NodeId, Liveness> liveness = new HashMap<>();

  @Test
  void theFastestQuarterOfTheUsableServersIsThePoolAndTheOthersSayWhyNot() {
    List<TrustVerdict> verdicts =
        List.of(
            trusted(1, 30),
            trusted(2, 10),
            trusted(3, 20),
            trusted(4, 40),
            trusted(5, 50),
            untrusted(6, "Old Mail Co is suspended: lost keys"));
    ServerPick pick = ServerPick.of(inputs(verdicts, Optional.empty(), Set.of()), selector);

    assertEquals("Would pick 1 of 2", pick.rows().get(0).pick());
    assertEquals(id(2), pick.rows().get(0).nodeId(), "the fastest first");
    assertEquals(id(3), pick.rows().get(1).nodeId());
    assertEquals("Usable, slower", pick.rows().get(2).pick());
    ServerRow last = pick.rows().get(5);
    assertEquals("Never picked", last.pick());
    assertEquals("Old Mail Co is suspended: lost keys", last.reason());
    assertEquals("Registry", last.source());
    assertEquals("50 ms", pick.rows().get(4).rtt());
    assertTrue(
        pick.preview().startsWith("A random pick among the fastest quarter of 5 usable server(s)"),
        pick.preview());
  }

  @Test
  void aWorkingPinWinsAndABrokenOneFallsBackToTheRule() {
    List<TrustVerdict> verdicts = List.of(trusted(1, 30), trusted(2, 10), untrusted(3, "why"));
    ServerPick pinned = ServerPick.of(inputs(verdicts, Optional.of(id(1)), Set.of()), selector);
    assertEquals("Pinned: used", pinned.rows().get(0).pick());
    assertEquals("Registry · pinned", pinned.rows().get(0).source());
    assertEquals("Usable, pin wins", pinned.rows().get(1).pick());
    assertTrue(pinned.preview().startsWith("The pinned server Status 0x"), pinned.preview());

    ServerPick broken = ServerPick.of(inputs(verdicts, Optional.of(id(3)), Set.of()), selector);
    assertEquals("Would pick", broken.rows().get(0).pick());
    assertTrue(broken.preview().contains("is not usable, so: a random pick"), broken.preview());
  }

  @Test
  void aGraylistedServerIsSetAsideAndNoUsableServerSaysWhatToDo() {
    List<TrustVerdict> verdicts = List.of(trusted(1, 30), trusted(2, 10));
    ServerPick pick = ServerPick.of(inputs(verdicts, Optional.empty(), Set.of(id(2))), selector);
    assertEquals(id(1), pick.rows().get(0).nodeId());
    assertEquals("Set aside", pick.rows().get(1).pick());

    liveness.clear();
    ServerPick none =
        ServerPick.of(inputs(List.of(untrusted(7, "no")), Optional.empty(), Set.of()), selector);
    assertTrue(none.preview().startsWith("No usable server"), none.preview());
    assertEquals("not timed yet", none.rows().get(0).rtt());
  }

  private ServerPick.Inputs inputs(
      List<TrustVerdict> verdicts, Optional<NodeId> pinned, Set<NodeId> graylisted) {
    return new ServerPick.Inputs(verdicts, liveness, Map.of(), pinned, graylisted::contains);
  }

  private TrustVerdict trusted(int n, long rttMillis) {
    liveness.put(id(n), Liveness.proven(Duration.ofMillis(rttMillis)));
    return new TrustVerdict(
        id(n),
        MAIL,
        Kind.TRUSTED,
        List.of(CheckOutcome.pass(TrustCheck.REGISTERED, "")),
        Optional.of(STATUS),
        Optional.of("Status"),
        Optional.empty());
  }

  private TrustVerdict untrusted(int n, String why) {
    return new TrustVerdict(
        id(n),
        MAIL,
        Kind.UNTRUSTED,
        List.of(CheckOutcome.fail(TrustCheck.PROVIDER_APPROVED, why)),
        Optional.of(STATUS),
        Optional.of("Old Mail Co"),
        Optional.empty());
  }

  private static NodeId id(int n) {
    return NodeId.fromHex(String.format("0x%064x", n));
  }
}
