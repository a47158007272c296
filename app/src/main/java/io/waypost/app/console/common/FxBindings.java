package io.waypost.app.console.common;

import io.waypost.app.console.UiThread;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a screen binds to what core pushes: each value is handed to the screen on the FX
 * thread, and a burst is conflated so the screen sees only the newest value once per hop (core may
 * push hundreds of verdict changes a second; the screen draws at most once per pulse). The returned
 * {@link Pin} is released in the screen's {@code onDeactivate}: after that nothing more arrives,
 * not even a value already on its way. (Bisq 2's {@code FxBindings} and {@code Pin} are the model.)
 */
public final class FxBindings {

  private static final Logger LOG = LoggerFactory.getLogger(FxBindings.class);

  /** A binding to release; releasing twice is harmless. */
  @FunctionalInterface
  public interface Pin extends AutoCloseable {
    @Override
    void close();
  }

  private FxBindings() {}

  /**
   * Subscribes {@code onFx} to {@code source}, which takes a listener and returns its subscription
   * (as core's {@code onVerdicts}, {@code addListener} and the console's {@code on…} methods do).
   */
  public static <T> Pin subscribe(
      Function<Consumer<T>, ? extends AutoCloseable> source, Consumer<T> onFx) {
    AtomicBoolean released = new AtomicBoolean();
    Hop<T> hop = new Hop<>(released, (older, newer) -> newer, onFx);
    AutoCloseable subscription = source.apply(hop::offer);
    return () -> {
      released.set(true);
      try {
        subscription.close();
      } catch (Exception alreadyGone) {
        // the source is closed already: nothing more comes from it
      }
    };
  }

  /**
   * For what a screen must read itself (SQLite, the trust policy) when a push says it changed:
   * {@link Recompute#request()} runs {@code read} on {@code worker} (never on the FX thread), one
   * read at a time, requests during a read folded into one more read, and hands the result to
   * {@code onFx} on the FX thread. A read that throws is logged; the next request reads again.
   */
  public static <T> Recompute<T> recompute(Executor worker, Supplier<T> read, Consumer<T> onFx) {
    return new Recompute<>(worker, read, (older, newer) -> newer, onFx);
  }

  /**
   * As {@link #recompute(Executor, Supplier, Consumer)}, for reads that are changes rather than
   * states: a read not yet shown is not replaced by the next but folded into it with {@code
   * merge(older, newer)}, so no change is lost when the FX thread falls behind.
   */
  public static <T> Recompute<T> recompute(
      Executor worker, Supplier<T> read, BinaryOperator<T> merge, Consumer<T> onFx) {
    return new Recompute<>(worker, read, merge, onFx);
  }

  /** See {@link #recompute}. */
  public static final class Recompute<T> implements Pin {
    private final Executor worker;
    private final Supplier<T> read;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();
    private final Hop<T> hop;

    private Recompute(
        Executor worker, Supplier<T> read, BinaryOperator<T> merge, Consumer<T> onFx) {
      this.worker = worker;
      this.read = read;
      this.hop = new Hop<>(released, merge, onFx);
    }

    /** Asks for a fresh read; cheap to call from any thread, as often as pushes come. */
    public void request() {
      if (!released.get() && queued.compareAndSet(false, true)) {
        try {
          worker.execute(this::readNow);
        } catch (RejectedExecutionException closing) {
          queued.set(false); // the console is closing
        }
      }
    }

    private synchronized void readNow() {
      queued.set(false);
      if (released.get()) {
        return;
      }
      T value;
      try {
        value = read.get();
      } catch (RuntimeException e) {
        LOG.warn("A screen's read failed; the next change reads again: {}", e.toString(), e);
        return;
      }
      hop.offer(value);
    }

    @Override
    public void close() {
      released.set(true);
    }
  }

  /**
   * Hands values to the FX thread, conflated: while one hop is on its way, a newer value is merged
   * into the one it will deliver (by default it replaces it); once released, nothing is delivered.
   */
  private static final class Hop<T> {
    private final AtomicReference<T> newest = new AtomicReference<>();
    private final AtomicBoolean released;
    private final BinaryOperator<T> merge;
    private final Consumer<T> onFx;

    Hop(AtomicBoolean released, BinaryOperator<T> merge, Consumer<T> onFx) {
      this.released = released;
      this.merge = merge;
      this.onFx = onFx;
    }

    void offer(T value) {
      if (value == null) {
        return;
      }
      T pending = newest.getAndUpdate(older -> older == null ? value : merge.apply(older, value));
      if (pending == null) {
        UiThread.run(this::deliver);
      }
    }

    private void deliver() {
      T value = newest.getAndSet(null);
      if (value != null && !released.get()) {
        try {
          onFx.accept(value);
        } catch (RuntimeException e) {
          LOG.warn("A screen failed to show an update: {}", e.toString(), e);
        }
      }
    }
  }
}
