package io.waypost.core.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.core.model.NodeId;
import io.waypost.core.testing.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;

class ServerSelectorTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
  private final SecureRandom random = new SecureRandom();

  /**
   * 40 servers, so the fastest quarter is 10: over 100,000 fresh choices each of the 10 must come
   * up about 10,000 times, and no slower server ever. Chi-square with 9 degrees of freedom; the
   * bound 44.8 is exceeded by chance with probability about 1e-6, so this test fails falsely about
   * once in a million runs.
   */
  @Test
  void choicesAreUniformAmongTheFastestQuarter() {
    List<Candidate> candidates = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      candidates.add(new Candidate(node(i), Optional.of(Duration.ofMillis(10 + 5L * i)), false));
    }
    Map<NodeId, Integer> counts = new HashMap<>();
    int draws = 100_000;
    for (int i = 0; i < draws; i++) {
      NodeId chosen = new ServerSelector(clock, random).select(candidates).orElseThrow().nodeId();
      counts.merge(chosen, 1, Integer::sum);
    }
    assertEquals(10, counts.size(), "only the fastest quarter is ever chosen: " + counts.keySet());
    for (int i = 0; i < 10; i++) {
      assertTrue(counts.containsKey(node(i)), "fast server " + i + " chosen");
    }
    double expected = draws / 10.0;
    double chiSquare =
        counts.values().stream().mapToDouble(c -> (c - expected) * (c - expected) / expected).sum();
    assertTrue(chiSquare < 44.8, "chi-square " + chiSquare + " over counts " + counts.values());
  }

  @Test
  void twoFailuresGraylistForThreeMinutes() {
    ServerSelector selector = new ServerSelector(clock, random);
    List<Candidate> one = List.of(new Candidate(node(1), Optional.of(Duration.ofMillis(5)), false));
    assertEquals(node(1), selector.select(one).orElseThrow().nodeId());
    selector.reportFailure(node(1));
    assertTrue(selector.select(one).isPresent(), "one failure is not enough");
    selector.reportFailure(node(1));
    assertTrue(selector.select(one).isEmpty(), "graylisted after two");
    clock.advance(Duration.ofMinutes(3).minusSeconds(1));
    assertTrue(selector.select(one).isEmpty(), "still graylisted");
    clock.advance(Duration.ofSeconds(1));
    assertTrue(selector.select(one).isPresent(), "back after three minutes");
  }

  @Test
  void aSuccessResetsTheFailureCount() {
    ServerSelector selector = new ServerSelector(clock, random);
    selector.reportFailure(node(1));
    selector.reportSuccess(node(1));
    selector.reportFailure(node(1));
    assertFalse(selector.isGraylisted(node(1)));
  }

  @Test
  void aPinnedServerWinsWhileItWorksAndTheUserIsToldWhenItFails() {
    ServerSelector selector = new ServerSelector(clock, random);
    List<SelectionEvent> events = new CopyOnWriteArrayList<>();
    selector.onEvent(events::add);
    List<Candidate> candidates = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      candidates.add(new Candidate(node(i), Optional.of(Duration.ofMillis(10 + i)), false));
    }
    selector.pin(node(7)); // the slowest: pinning beats speed
    for (int i = 0; i < 20; i++) {
      assertEquals(node(7), selector.select(candidates).orElseThrow().nodeId());
    }
    selector.reportFailure(node(7));
    selector.reportFailure(node(7));
    Candidate fallback = selector.select(candidates).orElseThrow();
    assertFalse(fallback.nodeId().equals(node(7)));
    assertTrue(
        events.stream()
            .anyMatch(
                e ->
                    e.kind() == SelectionEvent.Kind.PINNED_FAILED
                        && e.message().contains("graylisted")),
        "the user is told: " + events);
    assertTrue(events.stream().anyMatch(e -> e.kind() == SelectionEvent.Kind.CHANGED));
    selector.select(candidates);
    assertEquals(
        1,
        events.stream().filter(e -> e.kind() == SelectionEvent.Kind.PINNED_FAILED).count(),
        "told once");
    clock.advance(Duration.ofMinutes(3));
    assertEquals(node(7), selector.select(candidates).orElseThrow().nodeId(), "back to the pin");
  }

  @Test
  void theCurrentServerIsKeptWhileItStaysGoodAndLeftAtOnceWhenItFails() {
    ServerSelector selector = new ServerSelector(clock, random);
    List<Candidate> candidates = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      candidates.add(new Candidate(node(i), Optional.of(Duration.ofMillis(10 + i)), false));
    }
    NodeId first = selector.select(candidates).orElseThrow().nodeId();
    for (int i = 0; i < 50; i++) {
      assertEquals(first, selector.select(candidates).orElseThrow().nodeId(), "no hopping");
    }
    selector.reportFailure(first);
    selector.reportFailure(first);
    assertFalse(selector.select(candidates).orElseThrow().nodeId().equals(first), "moved at once");
  }

  @Test
  void noServerIsReportedOnce() {
    ServerSelector selector = new ServerSelector(clock, random);
    List<SelectionEvent> events = new CopyOnWriteArrayList<>();
    selector.onEvent(events::add);
    selector.select(List.of());
    selector.select(List.of());
    assertEquals(
        List.of(SelectionEvent.Kind.NONE_AVAILABLE),
        events.stream().map(SelectionEvent::kind).toList());
  }

  private static NodeId node(int i) {
    return new NodeId(Bytes32.leftPad(org.apache.tuweni.bytes.Bytes.ofUnsignedInt(i + 1)));
  }
}
