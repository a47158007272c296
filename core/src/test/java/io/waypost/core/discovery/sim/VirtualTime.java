package io.waypost.core.discovery.sim;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A discrete-event scheduler: the production classes get it as their {@link
 * ScheduledExecutorService} and its {@link #clock()} as their clock, and time advances only from
 * one event to the next, on the calling thread. Events at the same instant run in the order they
 * were scheduled, so a run is a function of its seed.
 */
public final class VirtualTime extends AbstractExecutorService implements ScheduledExecutorService {

  /** Virtual time starts here (any fixed instant: tickets and ads only compare differences). */
  private static final long EPOCH_MILLIS = 1_800_000_000_000L;

  private final PriorityQueue<Event> queue =
      new PriorityQueue<>(
          java.util.Comparator.comparingLong((Event e) -> e.at).thenComparingLong(e -> e.sequence));
  private long now;
  private long sequence;
  private long executed;
  private long failures;
  private RuntimeException firstFailure;

  /** A clock that reads this scheduler's time. */
  public Clock clock() {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public long millis() {
        return EPOCH_MILLIS + now;
      }

      @Override
      public Instant instant() {
        return Instant.ofEpochMilli(millis());
      }
    };
  }

  /** Milliseconds since the simulation started. */
  public long now() {
    return now;
  }

  public long eventsExecuted() {
    return executed;
  }

  /** Tasks that threw; the production classes catch their own errors, so this should stay 0. */
  public long failures() {
    return failures;
  }

  public RuntimeException firstFailure() {
    return firstFailure;
  }

  /** Runs every event due up to {@code until} (ms since start), then sets the time to it. */
  public void runUntil(long until) {
    while (!queue.isEmpty() && queue.peek().at <= until) {
      Event event = queue.poll();
      if (event.cancelled) {
        continue;
      }
      now = event.at;
      executed++;
      try {
        event.task.run();
      } catch (RuntimeException e) {
        failures++;
        if (firstFailure == null) {
          firstFailure = e;
        }
      }
      if (event.period > 0 && !event.cancelled) {
        event.at = now + event.period;
        event.sequence = sequence++;
        queue.add(event);
      } else {
        event.done = true;
      }
    }
    now = Math.max(now, until);
  }

  /** Runs {@code task} after {@code delayMillis} of virtual time. */
  public ScheduledFuture<?> after(long delayMillis, Runnable task) {
    return add(task, delayMillis, 0);
  }

  private Event add(Runnable task, long delayMillis, long period) {
    Event event = new Event(task, now + Math.max(0, delayMillis), sequence++, period);
    queue.add(event);
    return event;
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return add(command, unit.toMillis(delay), 0);
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException("the topic layer schedules Runnables only");
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(
      Runnable command, long initialDelay, long period, TimeUnit unit) {
    return add(command, unit.toMillis(initialDelay), Math.max(1, unit.toMillis(period)));
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(
      Runnable command, long initialDelay, long delay, TimeUnit unit) {
    // Tasks take no virtual time, so fixed delay and fixed rate coincide.
    return add(command, unit.toMillis(initialDelay), Math.max(1, unit.toMillis(delay)));
  }

  @Override
  public void execute(Runnable command) {
    add(command, 0, 0);
  }

  @Override
  public void shutdown() {
    queue.clear();
  }

  @Override
  public List<Runnable> shutdownNow() {
    queue.clear();
    return List.of();
  }

  @Override
  public boolean isShutdown() {
    return false;
  }

  @Override
  public boolean isTerminated() {
    return false;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return true;
  }

  private final class Event implements ScheduledFuture<Object> {
    final Runnable task;
    final long period;
    long at;
    long sequence;
    boolean cancelled;
    boolean done;

    Event(Runnable task, long at, long sequence, long period) {
      this.task = task;
      this.at = at;
      this.sequence = sequence;
      this.period = period;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(at - now, TimeUnit.MILLISECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(getDelay(TimeUnit.MILLISECONDS), other.getDelay(TimeUnit.MILLISECONDS));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean wasPending = !cancelled && !done;
      cancelled = true;
      return wasPending;
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }

    @Override
    public boolean isDone() {
      return done || cancelled;
    }

    @Override
    public Object get() throws ExecutionException {
      return null;
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
      return null;
    }
  }
}
