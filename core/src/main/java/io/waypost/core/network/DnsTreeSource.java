package io.waypost.core.network;

import io.waypost.core.discovery.dns.EnrTreeClient;
import io.waypost.core.discovery.dns.EnrTreeException;
import io.waypost.core.discovery.dns.EnrTreeUrl;
import io.waypost.core.discovery.enr.NodeAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A session's EIP-1459 source: reads the profile's node lists over DNS at start and again every
 * {@code interval}, and hands every node of every accepted tree to the session, which offers it to
 * the clients as a candidate (verified against the registry like any other). A tree that is refused
 * is reported ({@link #latest()}) and changes nothing: the last good copy's nodes stay.
 */
public final class DnsTreeSource {

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(DnsTreeSource.class);

  /** How often the lists are read again: an unchanged root costs one lookup. */
  public static final Duration INTERVAL = Duration.ofMinutes(5);

  /**
   * One list's last reading.
   *
   * @param nodes the nodes of the tree and its linked trees (those of the last good copy when this
   *     reading was refused)
   * @param seq the root's sequence number, empty if no copy was ever accepted
   * @param accepted whether this reading accepted the tree itself (a refused linked tree does not
   *     make it refused)
   * @param problem why the tree (or a linked one) was refused, if it was
   */
  public record Reading(
      EnrTreeUrl url,
      Instant at,
      List<NodeAddress> nodes,
      java.util.OptionalLong seq,
      boolean accepted,
      Optional<String> problem) {
    public Reading {
      nodes = List.copyOf(nodes);
    }
  }

  private final List<EnrTreeUrl> urls;
  private final EnrTreeClient client;
  private final Executor work;
  private final Clock clock;
  private final Consumer<List<NodeAddress>> sink;
  private final Map<EnrTreeUrl, Reading> latest = new LinkedHashMap<>();
  private final CompletableFuture<List<Reading>> first = new CompletableFuture<>();
  private volatile ScheduledFuture<?> schedule;
  private volatile boolean closed;

  DnsTreeSource(
      List<EnrTreeUrl> urls,
      EnrTreeClient client,
      Executor work,
      Clock clock,
      Consumer<List<NodeAddress>> sink) {
    this.urls = List.copyOf(urls);
    this.client = client;
    this.work = work;
    this.clock = clock;
    this.sink = sink;
  }

  /** Reads the lists now (on the work executor), then every {@code interval}. */
  void start(ScheduledExecutorService scheduler, Duration interval) {
    if (urls.isEmpty()) {
      first.complete(List.of());
      return;
    }
    CompletableFuture.runAsync(this::syncAll, work)
        .whenComplete((ok, failure) -> first.complete(latest()));
    long every = interval.toMillis();
    schedule =
        scheduler.scheduleWithFixedDelay(
            () -> work.execute(this::syncAll), every, every, TimeUnit.MILLISECONDS);
  }

  /** The lists this source reads. */
  public List<EnrTreeUrl> urls() {
    return urls;
  }

  /** Completes with the first reading of every list (at once when there are none). */
  public CompletableFuture<List<Reading>> firstReading() {
    return first;
  }

  /** The last reading of every list read so far. */
  public synchronized List<Reading> latest() {
    return List.copyOf(latest.values());
  }

  /** Every node of every list's last good copy, each once. */
  public synchronized List<NodeAddress> nodes() {
    Map<Object, NodeAddress> unique = new LinkedHashMap<>();
    latest.values().forEach(r -> r.nodes().forEach(n -> unique.putIfAbsent(n.nodeId(), n)));
    return List.copyOf(unique.values());
  }

  private void syncAll() {
    for (EnrTreeUrl url : urls) {
      if (closed) {
        return;
      }
      Reading reading = sync(url);
      synchronized (this) {
        latest.put(url, reading);
      }
      reading.problem().ifPresent(p -> LOG.warn("Node list {}: {}", url, p));
      if (!closed && !reading.nodes().isEmpty()) {
        sink.accept(reading.nodes());
      }
    }
  }

  private Reading sync(EnrTreeUrl url) {
    Instant now = clock.instant();
    try {
      EnrTreeClient.Result result = client.sync(url);
      return new Reading(
          url,
          now,
          result.nodes(),
          java.util.OptionalLong.of(result.trees().get(0).seq()),
          true,
          result.refusedLinks().isEmpty()
              ? Optional.empty()
              : Optional.of(
                  "a linked list is refused: " + String.join("; ", result.refusedLinks())));
    } catch (EnrTreeException | RuntimeException e) {
      List<NodeAddress> kept = new ArrayList<>();
      java.util.OptionalLong seq = java.util.OptionalLong.empty();
      Optional<EnrTreeClient.Tree> cached = client.cached(url);
      if (cached.isPresent()) {
        kept.addAll(cached.get().nodes());
        seq = java.util.OptionalLong.of(cached.get().seq());
      }
      String why =
          e instanceof EnrTreeException || e.getMessage() != null
              ? e.getMessage()
              : "cannot read it: " + e.getClass().getSimpleName();
      return new Reading(url, now, kept, seq, false, Optional.of(why));
    }
  }

  void close() {
    closed = true;
    if (schedule != null) {
      schedule.cancel(false);
    }
    first.complete(latest());
  }
}
