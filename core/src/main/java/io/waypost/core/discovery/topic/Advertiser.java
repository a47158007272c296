package io.waypost.core.discovery.topic;

import io.waypost.core.discovery.Transport;
import io.waypost.core.model.ServiceId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes;
import org.ethereum.beacon.discovery.schema.NodeRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places and renews one service's ads (discv5-theory.md, "Advertisement Placement"): keeps up to
 * K_register active or pending registrations in every bucket of B(s), far to near, retrying with
 * tickets after the registrar's waiting time and renewing admitted ads before they expire. Soft
 * state throughout: a failed registrar is excluded for a while and replaced on the next cycle.
 */
public final class Advertiser {

  private static final Logger LOG = LoggerFactory.getLogger(Advertiser.class);
  private static final int MAX_RETRIES = 2;
  private static final long RETRY_DELAY_MILLIS = 500;

  private final ServiceId service;
  private final Transport transport;
  private final Supplier<NodeRecord> localRecord;
  private final Supplier<Stream<NodeRecord>> knownNodes;
  private final TopicParameters parameters;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final SecureRandom random;
  private final Duration placementInterval;
  private final ServiceTable table;
  private final Map<Bytes, Registration> registrations = new ConcurrentHashMap<>();
  private final Map<Bytes, Long> excludedUntil = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicLong failed =
      new java.util.concurrent.atomic.AtomicLong();
  private volatile ScheduledFuture<?> cycle;
  private volatile boolean stopped;

  /** One registrar's registration: pending (holding a ticket) or active (ad admitted). */
  private static final class Registration {
    final NodeRecord registrar;
    final int bucket;
    volatile Bytes ticket = Bytes.EMPTY;
    volatile boolean active;
    volatile int failures;
    volatile ScheduledFuture<?> next;

    Registration(NodeRecord registrar, int bucket) {
      this.registrar = registrar;
      this.bucket = bucket;
    }
  }

  public Advertiser(
      ServiceId service,
      Transport transport,
      Supplier<NodeRecord> localRecord,
      Supplier<Stream<NodeRecord>> knownNodes,
      TopicParameters parameters,
      ScheduledExecutorService scheduler,
      Clock clock,
      SecureRandom random,
      Duration placementInterval) {
    this.service = service;
    this.transport = transport;
    this.localRecord = localRecord;
    this.knownNodes = knownNodes;
    this.parameters = parameters;
    this.scheduler = scheduler;
    this.clock = clock;
    this.random = random;
    this.placementInterval = placementInterval;
    this.table = new ServiceTable(service, 16);
  }

  public ServiceId service() {
    return service;
  }

  public void start() {
    cycle =
        scheduler.scheduleWithFixedDelay(
            this::placeSafely, 0, placementInterval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Stops placing and renewing; ads already admitted expire at their registrars. */
  public void stop() {
    stopped = true;
    if (cycle != null) {
      cycle.cancel(false);
    }
    registrations.values().forEach(r -> cancel(r.next));
    registrations.clear();
  }

  /** Registrations given up (registrar unreachable or answering badly), for diagnostics. */
  public long failedRegistrations() {
    return failed.get();
  }

  /** Registrars currently holding this node's ad. */
  public int activeRegistrations() {
    return (int) registrations.values().stream().filter(r -> r.active).count();
  }

  private void placeSafely() {
    try {
      place();
    } catch (RuntimeException e) {
      LOG.warn("Ad placement for {} failed; next cycle retries", service, e);
    }
  }

  private void place() {
    if (stopped) {
      return;
    }
    long now = clock.millis();
    excludedUntil.values().removeIf(until -> until <= now);
    Bytes self = localRecord.get().getNodeId();
    knownNodes.get().filter(n -> !n.getNodeId().equals(self)).forEach(table::add);
    // Counted once per cycle: a stream per bucket cost 256 passes over the registrations.
    int[] heldPerBucket = new int[257];
    registrations.values().forEach(r -> heldPerBucket[r.bucket]++);
    for (int d = 256; d >= 1; d--) {
      int held = heldPerBucket[d];
      if (held >= parameters.kRegister()) {
        continue;
      }
      List<NodeRecord> candidates = new ArrayList<>(table.bucket(d));
      candidates.removeIf(
          n ->
              registrations.containsKey(n.getNodeId()) || excludedUntil.containsKey(n.getNodeId()));
      Collections.shuffle(candidates, random);
      for (NodeRecord registrar : candidates) {
        if (held++ >= parameters.kRegister()) {
          break;
        }
        Registration registration = new Registration(registrar, d);
        registrations.put(registrar.getNodeId(), registration);
        attempt(registration);
      }
    }
  }

  private void attempt(Registration registration) {
    if (stopped) {
      return;
    }
    Bytes requestId = Bytes.random(8, random);
    TopicMessage.RegTopic reg =
        new TopicMessage.RegTopic(
            requestId, service, localRecord.get(), registration.ticket, table.hints(16));
    transport
        .talk(registration.registrar, TopicCodec.PROTOCOL, TopicCodec.encode(reg))
        .thenAccept(payload -> onResponse(registration, requestId, payload))
        .exceptionally(
            e -> {
              // One lost datagram should not cost the waiting time a ticket holds: retry once,
              // well inside the registration window, before giving the registrar up.
              if (++registration.failures <= MAX_RETRIES && !stopped) {
                registration.next =
                    scheduler.schedule(
                        () -> attempt(registration), RETRY_DELAY_MILLIS, TimeUnit.MILLISECONDS);
              } else {
                fail(registration);
              }
              return null;
            });
  }

  private void onResponse(Registration registration, Bytes requestId, Bytes payload) {
    TopicMessage.RegConfirmation confirmation = null;
    try {
      for (TopicMessage m : TopicCodec.decodeResponses(payload)) {
        if (!m.requestId().equals(requestId)) {
          continue;
        }
        if (m instanceof TopicMessage.RegConfirmation c) {
          confirmation = c;
        } else if (m instanceof TopicMessage.Nodes aux) {
          aux.enrs().forEach(table::add);
        }
      }
    } catch (MalformedMessageException e) {
      confirmation = null;
    }
    if (confirmation == null || stopped) {
      fail(registration);
      return;
    }
    registration.failures = 0;
    long wait = Math.min(confirmation.waitMillis(), parameters.adLifetime().toMillis());
    if (confirmation.admitted()) {
      registration.active = true;
      registration.ticket = Bytes.EMPTY;
      // Renew at 80% of the lifetime so that the ad never lapses between expiry and renewal.
      wait = Math.max(1, wait * 8 / 10);
    } else {
      registration.ticket = confirmation.ticket();
    }
    registration.next =
        scheduler.schedule(() -> attempt(registration), Math.max(wait, 1), TimeUnit.MILLISECONDS);
  }

  private void fail(Registration registration) {
    failed.incrementAndGet();
    registrations.remove(registration.registrar.getNodeId(), registration);
    excludedUntil.put(
        registration.registrar.getNodeId(), clock.millis() + 4 * placementInterval.toMillis());
  }

  private static void cancel(ScheduledFuture<?> future) {
    if (future != null) {
      future.cancel(false);
    }
  }
}
