package io.waypost.app.console.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The screens' one path from pushed data to the FX thread, and work that repeats. */
class FxBindingsTest {

  @BeforeAll
  static void toolkit() throws Exception {
    FxToolkit.registerPrimaryStage();
  }

  /** A source that pushes to whoever listens, as core's services do. */
  private static final class Source {
    final List<Consumer<Integer>> listeners = new CopyOnWriteArrayList<>();

    AutoCloseable subscribe(Consumer<Integer> listener) {
      listeners.add(listener);
      return () -> listeners.remove(listener);
    }

    void push(int value) {
      listeners.forEach(l -> l.accept(value));
    }
  }

  @Test
  void aBurstOfPushesReachesTheFxThreadConflatedAndEndsWithTheNewest() throws Exception {
    Source source = new Source();
    List<Integer> shown = new CopyOnWriteArrayList<>();
    AtomicInteger offThread = new AtomicInteger();
    FxBindings.Pin pin =
        FxBindings.subscribe(
            source::subscribe,
            value -> {
              if (!Platform.isFxApplicationThread()) {
                offThread.incrementAndGet();
              }
              shown.add(value);
            });
    Thread pusher =
        Thread.ofPlatform()
            .start(
                () -> {
                  for (int i = 1; i <= 20_000; i++) {
                    source.push(i);
                  }
                });
    pusher.join();
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(20_000, shown.get(shown.size() - 1), "the newest value is shown last");
    assertTrue(shown.size() < 20_000, "pushes were conflated: " + shown.size() + " shown");
    assertEquals(0, offThread.get(), "every value is shown on the FX thread");
    for (int i = 1; i < shown.size(); i++) {
      assertTrue(shown.get(i) > shown.get(i - 1), "values arrive in order: " + shown);
    }

    pin.close();
    source.push(20_001);
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(20_000, shown.get(shown.size() - 1), "nothing arrives after the pin is released");
    assertTrue(source.listeners.isEmpty(), "releasing the pin unsubscribes");
  }

  @Test
  void aRecomputeReadsOffTheFxThreadAndFoldsRequestsMadeDuringARead() throws Exception {
    ExecutorService worker = Executors.newVirtualThreadPerTaskExecutor();
    AtomicInteger reads = new AtomicInteger();
    AtomicInteger readsOnFx = new AtomicInteger();
    CountDownLatch firstReadStarted = new CountDownLatch(1);
    CountDownLatch releaseFirstRead = new CountDownLatch(1);
    List<Integer> shown = new CopyOnWriteArrayList<>();
    FxBindings.Recompute<Integer> recompute =
        FxBindings.recompute(
            worker,
            () -> {
              if (Platform.isFxApplicationThread()) {
                readsOnFx.incrementAndGet();
              }
              int n = reads.incrementAndGet();
              if (n == 1) {
                firstReadStarted.countDown();
                try {
                  releaseFirstRead.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
              return n;
            },
            shown::add);
    recompute.request();
    assertTrue(firstReadStarted.await(10, TimeUnit.SECONDS));
    for (int i = 0; i < 100; i++) {
      recompute.request(); // all during the first read: they fold into one more read
    }
    releaseFirstRead.countDown();
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> shown.contains(2));
    Thread.sleep(100); // time for a wrongly scheduled extra read to show up
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(2, reads.get(), "a hundred requests during a read make one more read");
    assertEquals(0, readsOnFx.get());
    recompute.close();
    recompute.request();
    Thread.sleep(100);
    assertEquals(2, reads.get(), "a released recompute reads no more");
    worker.shutdownNow();
  }

  @Test
  void repeatingWorkSurvivesAFailingRunAndGoesOn() throws Exception {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    AtomicInteger runs = new AtomicInteger();
    ScheduledFuture<?> task =
        Repeating.every(
            scheduler,
            Duration.ofMillis(5),
            "A test task",
            () -> {
              if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("the first run fails");
              }
            });
    try {
      WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> runs.get() >= 3);
      assertTrue(!task.isDone(), "the task is still scheduled after its failure");
    } finally {
      task.cancel(false);
      scheduler.shutdownNow();
    }
  }
}
