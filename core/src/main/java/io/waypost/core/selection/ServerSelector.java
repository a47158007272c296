package io.waypost.core.selection;

import io.waypost.core.model.NodeId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Picks the server a client uses for one service, after Status's storenode cycle, improved:
 *
 * <ul>
 *   <li>candidates sorted by RTT; a cryptographically random pick among the fastest quarter (at
 *       least one; servers not yet timed come after timed ones);
 *   <li>a server that fails twice in a row is graylisted for 3 minutes;
 *   <li>a pinned server wins while it works; when it fails the user is told and selection falls
 *       back at once;
 *   <li>improvements: the current server is kept while it stays usable and among the fastest half,
 *       so a client does not hop between servers on every refresh; a failure moves the client at
 *       once rather than after the next slow refresh (status-go users waited 2×30 s).
 * </ul>
 */
public final class ServerSelector {

  public static final int FAILURES_TO_GRAYLIST = 2;
  public static final Duration GRAYLIST_FOR = Duration.ofMinutes(3);

  private final Clock clock;
  private final SecureRandom random;
  private final Map<NodeId, Integer> failures = new HashMap<>();
  private final Map<NodeId, Instant> graylistedUntil = new HashMap<>();
  private final List<Consumer<SelectionEvent>> listeners = new CopyOnWriteArrayList<>();
  private Optional<NodeId> pinned = Optional.empty();
  private Optional<Candidate> current = Optional.empty();
  private boolean pinnedFailureReported;
  private boolean noneReported;

  public ServerSelector(Clock clock, SecureRandom random) {
    this.clock = clock;
    this.random = random;
  }

  public AutoCloseable onEvent(Consumer<SelectionEvent> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  public synchronized void pin(NodeId node) {
    pinned = Optional.of(node);
    pinnedFailureReported = false;
  }

  public synchronized void unpin() {
    pinned = Optional.empty();
  }

  public synchronized Optional<NodeId> pinned() {
    return pinned;
  }

  public synchronized Optional<Candidate> current() {
    return current;
  }

  /** The server answered: its failure count starts again. */
  public synchronized void reportSuccess(NodeId node) {
    failures.remove(node);
  }

  /** The server failed a request or a probe; twice in a row graylists it. */
  public synchronized void reportFailure(NodeId node) {
    int count = failures.merge(node, 1, Integer::sum);
    if (count >= FAILURES_TO_GRAYLIST) {
      graylistedUntil.put(node, clock.instant().plus(GRAYLIST_FOR));
      failures.remove(node);
    }
  }

  public synchronized boolean isGraylisted(NodeId node) {
    Instant until = graylistedUntil.get(node);
    if (until == null) {
      return false;
    }
    if (!clock.instant().isBefore(until)) {
      graylistedUntil.remove(node);
      return false;
    }
    return true;
  }

  /** Chooses among {@code candidates} (the usable servers now) and tells listeners what changed. */
  public synchronized Optional<Candidate> select(List<Candidate> candidates) {
    List<Candidate> eligible = candidates.stream().filter(c -> !isGraylisted(c.nodeId())).toList();
    Optional<Candidate> chosen = choose(eligible);
    announce(chosen);
    return chosen;
  }

  /** Where a fresh choice would come from: the fastest quarter (for previews and tests). */
  public List<Candidate> fastestQuarter(List<Candidate> eligible) {
    List<Candidate> timed =
        eligible.stream()
            .filter(c -> c.rtt().isPresent())
            .sorted(Comparator.comparing(c -> c.rtt().orElseThrow()))
            .toList();
    List<Candidate> pool = timed.isEmpty() ? eligible : timed;
    int size = Math.max(1, (pool.size() + 3) / 4);
    return pool.subList(0, Math.min(size, pool.size()));
  }

  private Optional<Candidate> choose(List<Candidate> eligible) {
    if (pinned.isPresent()) {
      Optional<Candidate> pin =
          eligible.stream().filter(c -> c.nodeId().equals(pinned.get())).findFirst();
      if (pin.isPresent()) {
        pinnedFailureReported = false;
        return pin;
      }
      if (!pinnedFailureReported) {
        pinnedFailureReported = true;
        emit(
            SelectionEvent.Kind.PINNED_FAILED,
            Optional.empty(),
            "The pinned server "
                + pinned.get()
                + " is not usable now"
                + (isGraylisted(pinned.get()) ? " (it failed twice; graylisted for 3 minutes)" : "")
                + "; another server is used until it works again.");
      }
    }
    if (eligible.isEmpty()) {
      return Optional.empty();
    }
    if (current.isPresent() && staysGood(current.get(), eligible)) {
      NodeId keep = current.get().nodeId();
      return eligible.stream().filter(c -> c.nodeId().equals(keep)).findFirst();
    }
    List<Candidate> quarter = fastestQuarter(eligible);
    return Optional.of(quarter.get(random.nextInt(quarter.size())));
  }

  private boolean staysGood(Candidate previous, List<Candidate> eligible) {
    List<Candidate> timed =
        eligible.stream()
            .filter(c -> c.rtt().isPresent())
            .sorted(Comparator.comparing(c -> c.rtt().orElseThrow()))
            .toList();
    List<Candidate> pool = timed.isEmpty() ? eligible : timed;
    int half = Math.max(1, (pool.size() + 1) / 2);
    return new ArrayList<>(pool.subList(0, half))
        .stream().anyMatch(c -> c.nodeId().equals(previous.nodeId()));
  }

  private void announce(Optional<Candidate> chosen) {
    Optional<Candidate> before = current;
    current = chosen;
    if (chosen.isEmpty()) {
      if (!noneReported) {
        noneReported = true;
        emit(
            SelectionEvent.Kind.NONE_AVAILABLE,
            Optional.empty(),
            "No usable server for this service");
      }
      return;
    }
    noneReported = false;
    if (before.isEmpty()) {
      emit(SelectionEvent.Kind.SELECTED, chosen, "Using " + chosen.get().nodeId());
    } else if (!before.get().nodeId().equals(chosen.get().nodeId())) {
      emit(
          SelectionEvent.Kind.CHANGED,
          chosen,
          "Now using " + chosen.get().nodeId() + " instead of " + before.get().nodeId());
    }
  }

  private void emit(SelectionEvent.Kind kind, Optional<Candidate> server, String message) {
    SelectionEvent event = new SelectionEvent(kind, server, message);
    listeners.forEach(l -> l.accept(event));
  }
}
