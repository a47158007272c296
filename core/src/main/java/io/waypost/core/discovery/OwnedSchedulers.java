package io.waypost.core.discovery;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import org.ethereum.beacon.discovery.scheduler.DefaultSchedulers;

/**
 * The discv5 library's default schedulers, remembered so that a node can shut them down when it
 * stops: the library's own stop leaves its "discovery-client" and "discovery-tasks" threads
 * running, which left about ten threads behind per node (a console switching networks, a test
 * starting many nodes).
 */
final class OwnedSchedulers extends DefaultSchedulers {

  private final List<ScheduledExecutorService> made = new CopyOnWriteArrayList<>();

  @Override
  protected ScheduledExecutorService createExecutor(String namePattern, int threads) {
    ScheduledExecutorService executor = super.createExecutor(namePattern, threads);
    // Started now, not one by one as work arrives: a node's threads are then a fixed number from
    // its start, so a count taken later (a leak check, an operator's thread dump) measures nodes
    // coming and going, not a pool that happened to grow because a peer talked to it.
    if (executor instanceof ThreadPoolExecutor pool) {
      pool.prestartAllCoreThreads();
    }
    made.add(executor);
    return executor;
  }

  /** After the node stopped: ends every thread the library made for it. */
  void shutdown() {
    made.forEach(ScheduledExecutorService::shutdownNow);
  }
}
