package io.waypost.core.network;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The executors a session runs on, and whether closing the session shuts them down. */
record SessionExecutors(ExecutorService work, ScheduledExecutorService scheduler, boolean owned) {

  static SessionExecutors borrowed(ExecutorService work, ScheduledExecutorService scheduler) {
    return new SessionExecutors(work, scheduler, false);
  }

  /** A virtual thread per task for RPC and probes, one daemon thread for timers and pushes. */
  static SessionExecutors own() {
    return new SessionExecutors(
        Executors.newVirtualThreadPerTaskExecutor(),
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("waypost-session").daemon().factory()),
        true);
  }

  void closeOwned() {
    if (owned) {
      scheduler.shutdownNow();
      work.shutdownNow();
    }
  }
}
