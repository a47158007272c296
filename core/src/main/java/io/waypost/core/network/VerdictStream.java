package io.waypost.core.network;

import io.waypost.core.trust.TrustVerdict;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes {@link VerdictSnapshot}s to subscribers, only when a verdict or the registry state's kind
 * changed, or (during an outage) its stale age grew by a second. Changes arriving together (a probe
 * round, an index page) are coalesced into one snapshot a short delay later, so subscribers are
 * told at most every {@code COALESCE_MILLIS}. Subscribers are called one at a time, in sequence
 * order, on the session's scheduler: they must be quick. Each {@link NetworkSession} has one; it is
 * public so that the console's table benchmark pushes its verdicts through the same stream.
 */
public final class VerdictStream {

  private static final Logger LOG = LoggerFactory.getLogger(VerdictStream.class);
  static final long COALESCE_MILLIS = 100;

  private final ScheduledExecutorService scheduler;
  private final LongFunction<VerdictSnapshot> snapshots;
  private final List<Consumer<VerdictSnapshot>> subscribers = new CopyOnWriteArrayList<>();
  private final AtomicBoolean pending = new AtomicBoolean();
  private volatile VerdictSnapshot latest;
  private volatile boolean closed;

  /** {@code snapshots} makes the snapshot with the given sequence number from the live state. */
  public VerdictStream(
      ScheduledExecutorService scheduler, LongFunction<VerdictSnapshot> snapshots) {
    this.scheduler = scheduler;
    this.snapshots = snapshots;
  }

  /** Something a verdict depends on changed: a snapshot follows shortly if any verdict changed. */
  public void changed() {
    if (!closed && pending.compareAndSet(false, true)) {
      try {
        scheduler.schedule(this::publish, COALESCE_MILLIS, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        pending.set(false); // the session is closing
      }
    }
  }

  /** Makes and pushes a snapshot now if it differs; used at start and by tests of the session. */
  synchronized void publish() {
    pending.set(false);
    if (closed) {
      return;
    }
    VerdictSnapshot previous = latest;
    VerdictSnapshot next;
    try {
      next = snapshots.apply(previous == null ? 1 : previous.sequence() + 1);
    } catch (RuntimeException e) {
      LOG.warn("Verdicts could not be made: {}", e.getMessage());
      return;
    }
    if (previous != null && sameContent(previous, next)) {
      return;
    }
    latest = next;
    subscribers.forEach(s -> tell(s, next));
  }

  public Optional<VerdictSnapshot> latest() {
    return Optional.ofNullable(latest);
  }

  /** Adds a subscriber and tells it the latest snapshot, if there is one. */
  public synchronized AutoCloseable subscribe(Consumer<VerdictSnapshot> subscriber) {
    subscribers.add(subscriber);
    VerdictSnapshot now = latest;
    if (now != null) {
      tell(subscriber, now);
    }
    return () -> subscribers.remove(subscriber);
  }

  public void close() {
    closed = true;
    subscribers.clear();
  }

  private static void tell(Consumer<VerdictSnapshot> subscriber, VerdictSnapshot snapshot) {
    try {
      subscriber.accept(snapshot);
    } catch (RuntimeException e) {
      LOG.warn("A verdict subscriber failed: {}", e.toString());
    }
  }

  /**
   * Equal but for the ages and times that change on every poll. During an outage the stale age is
   * content: a snapshot follows each time it grows by a second, so nothing shows a frozen age.
   */
  private static boolean sameContent(VerdictSnapshot a, VerdictSnapshot b) {
    return a.registry().getClass() == b.registry().getClass()
        && a.staleFor()
            .map(java.time.Duration::toSeconds)
            .equals(b.staleFor().map(java.time.Duration::toSeconds))
        && a.serviceNames().equals(b.serviceNames())
        && withoutAges(a).equals(withoutAges(b));
  }

  private static Map<Object, List<Object>> withoutAges(VerdictSnapshot s) {
    Map<Object, List<Object>> out = new java.util.HashMap<>();
    s.byService()
        .forEach(
            (service, verdicts) ->
                out.put(service, verdicts.stream().map(VerdictStream::contentOf).toList()));
    return out;
  }

  private static Object contentOf(TrustVerdict v) {
    return List.of(
        v.nodeId(),
        v.kind(),
        v.checks(),
        Objects.toString(v.provider().orElse(null)),
        v.providerName().orElse(""));
  }
}
