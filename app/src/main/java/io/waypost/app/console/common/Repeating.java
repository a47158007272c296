package io.waypost.app.console.common;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work that repeats on a scheduler. A {@link ScheduledExecutorService} silently stops a periodic
 * task at its first exception; here a failing run is logged with its cause and the next run comes
 * as planned.
 */
public final class Repeating {

  private static final Logger LOG = LoggerFactory.getLogger(Repeating.class);

  private Repeating() {}

  /**
   * Runs {@code task} now and then {@code delay} after each run ends; cancel the future to stop.
   */
  public static ScheduledFuture<?> every(
      ScheduledExecutorService scheduler, Duration delay, String name, Runnable task) {
    return scheduler.scheduleWithFixedDelay(
        surviving(name, task), 0, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** {@code task}, logging what it throws instead of passing it on. */
  public static Runnable surviving(String name, Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.warn("{} failed this time and runs again as scheduled: {}", name, e.toString(), e);
      }
    };
  }
}
