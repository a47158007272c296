package io.waypost.core.discovery.peers;

import io.waypost.core.discovery.Transport;
import io.waypost.core.discovery.enr.InvalidRecordException;
import io.waypost.core.discovery.enr.NodeRecords;
import io.waypost.core.model.ServiceId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.ethereum.beacon.discovery.schema.NodeRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live peers of one service: searches (fast until {@code minPeers}, then slow), pings every
 * known peer, and tells listeners who was added, updated or is gone. Starts from the peers cached
 * at the last run.
 */
public final class ServicePeers implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ServicePeers.class);

  /** A record found by a search, and how. */
  public record Found(NodeRecord record, PeerSource source) {}

  /**
   * One search for a service's nodes. It hands each record to {@code found} as soon as the search
   * has it (bootnodes at once, then each answer's topic ads and ENR walk finds as they arrive), so
   * that a client can probe the first nodes while the rest of the search goes on; the future
   * completes when the whole search has.
   */
  @FunctionalInterface
  public interface Search {
    CompletableFuture<Void> run(ServiceId service, Consumer<Found> found);
  }

  private final ServiceId service;
  private final PeerPolicy policy;
  private final Transport transport;
  private final Search search;
  private final Optional<PeerCache> cache;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final Map<org.apache.tuweni.bytes.Bytes, Tracked> peers = new ConcurrentHashMap<>();
  private final List<Consumer<PeerEvent>> listeners = new CopyOnWriteArrayList<>();
  private volatile ScheduledFuture<?> searchTask;
  private volatile ScheduledFuture<?> pingTask;
  private volatile boolean closed;

  private record Tracked(ServicePeer peer, NodeRecord record) {}

  public ServicePeers(
      ServiceId service,
      PeerPolicy policy,
      Transport transport,
      Search search,
      Optional<PeerCache> cache,
      ScheduledExecutorService scheduler,
      Clock clock) {
    this.service = service;
    this.policy = policy;
    this.transport = transport;
    this.search = search;
    this.cache = cache;
    this.scheduler = scheduler;
    this.clock = clock;
  }

  /** Adds a listener; it first receives ADDED for every current peer. */
  public AutoCloseable subscribe(Consumer<PeerEvent> listener) {
    listeners.add(listener);
    peers.values().forEach(t -> listener.accept(new PeerEvent(PeerEvent.Kind.ADDED, t.peer())));
    return () -> listeners.remove(listener);
  }

  public List<ServicePeer> snapshot() {
    return peers.values().stream().map(Tracked::peer).toList();
  }

  public ServiceId service() {
    return service;
  }

  public void start() {
    cache.ifPresent(
        c -> {
          Instant since = clock.instant().minus(policy.cacheLifetime());
          for (PeerCache.Entry entry : c.load(service, since)) {
            try {
              offer(NodeRecords.parseEnr(entry.enr()), entry.source());
            } catch (InvalidRecordException e) {
              c.remove(service, entry.nodeId());
            }
          }
        });
    scheduleSearch(Duration.ZERO);
    long ping = policy.pingInterval().toMillis();
    pingTask = scheduler.scheduleWithFixedDelay(this::pingAll, ping, ping, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    closed = true;
    cancel(searchTask);
    cancel(pingTask);
  }

  /** Offers a record (found, configured or cached); validates it and adds or updates the peer. */
  public void offer(NodeRecord record, PeerSource source) {
    if (closed || (peers.size() >= policy.maxPeers() && !peers.containsKey(record.getNodeId()))) {
      return;
    }
    var described = NodeRecords.describe(record);
    Instant now = clock.instant();
    Tracked[] event = new Tracked[1];
    PeerEvent.Kind[] kind = new PeerEvent.Kind[1];
    peers.compute(
        record.getNodeId(),
        (id, old) -> {
          if (old == null) {
            kind[0] = PeerEvent.Kind.ADDED;
            event[0] =
                new Tracked(
                    new ServicePeer(
                        service,
                        described.nodeId(),
                        record.asEnr(),
                        described.seq(),
                        source,
                        Optional.empty(),
                        now,
                        0),
                    record);
            return event[0];
          }
          if (described.seq() > old.peer().seq()) {
            kind[0] = PeerEvent.Kind.UPDATED;
            event[0] =
                new Tracked(old.peer().withRecord(record.asEnr(), described.seq(), now), record);
            return event[0];
          }
          return old;
        });
    if (event[0] != null) {
      LOG.debug("{} peer {} {} ({})", service, kind[0], described.nodeId(), source);
      persist(event[0].peer());
      emit(new PeerEvent(kind[0], event[0].peer()));
    }
  }

  private void scheduleSearch(Duration delay) {
    if (closed) {
      return;
    }
    searchTask = scheduler.schedule(this::searchOnce, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void searchOnce() {
    search
        .run(service, f -> offer(f.record(), f.source()))
        .whenComplete(
            (done, error) -> {
              if (error != null) {
                LOG.debug("Search for {} failed", service, error);
              }
              scheduleSearch(
                  peers.size() < policy.minPeers() ? policy.fastInterval() : policy.slowInterval());
            });
  }

  private void pingAll() {
    for (Tracked tracked : peers.values()) {
      long started = System.nanoTime();
      transport
          .ping(tracked.record())
          .whenComplete(
              (ok, error) -> {
                if (error == null) {
                  Duration rtt = Duration.ofNanos(System.nanoTime() - started);
                  update(tracked, t -> t.peer().answered(rtt, clock.instant()));
                } else {
                  update(tracked, t -> t.peer().missed());
                }
              });
    }
  }

  private void update(Tracked tracked, Function<Tracked, ServicePeer> change) {
    Tracked[] now = new Tracked[1];
    peers.computeIfPresent(
        tracked.record().getNodeId(),
        (id, current) -> {
          now[0] = new Tracked(change.apply(current), current.record());
          return now[0].peer().failures() >= policy.maxFailures() ? null : now[0];
        });
    if (now[0] == null) {
      return;
    }
    if (now[0].peer().failures() >= policy.maxFailures()) {
      cache.ifPresent(c -> c.remove(service, now[0].peer().nodeId()));
      emit(new PeerEvent(PeerEvent.Kind.GONE, now[0].peer()));
    } else if (now[0].peer().failures() == 0) {
      persist(now[0].peer());
    }
  }

  private void persist(ServicePeer peer) {
    cache.ifPresent(
        c -> {
          try {
            c.save(peer);
          } catch (RuntimeException e) {
            LOG.warn("Could not cache peer {}: {}", peer.nodeId(), e.getMessage());
          }
        });
  }

  private void emit(PeerEvent event) {
    for (Consumer<PeerEvent> listener : listeners) {
      try {
        listener.accept(event);
      } catch (RuntimeException e) {
        LOG.warn("A peer listener failed", e);
      }
    }
  }

  private static void cancel(ScheduledFuture<?> future) {
    if (future != null) {
      future.cancel(false);
    }
  }
}
