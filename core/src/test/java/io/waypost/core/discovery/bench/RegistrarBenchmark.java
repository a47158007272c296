package io.waypost.core.discovery.bench;

import io.waypost.core.discovery.NodeKey;
import io.waypost.core.discovery.topic.Registrar;
import io.waypost.core.discovery.topic.TopDiscCapability;
import io.waypost.core.discovery.topic.TopicCodec;
import io.waypost.core.discovery.topic.TopicMessage;
import io.waypost.core.discovery.topic.TopicParameters;
import io.waypost.core.model.ServiceId;
import io.waypost.core.testing.MutableClock;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes;
import org.ethereum.beacon.discovery.schema.NodeRecord;
import org.ethereum.beacon.discovery.schema.NodeRecordBuilder;

/**
 * A registrar at full capacity (C = 1000 ads): heap it holds and CPU per request, measured on the
 * request path the network uses (decode, admit or ticket, encode). Run with bench/discovery.sh.
 */
public final class RegistrarBenchmark {

  public static void main(String[] args) {
    int capacity = 1000;
    SecureRandom random = new SecureRandom();
    // Pocc = 0 so the table can be filled to capacity in a benchmark; the shape of the waiting
    // time does not change what a full table costs to hold and to query.
    TopicParameters parameters =
        new TopicParameters(
            5,
            5,
            10,
            30,
            Duration.ofMinutes(15),
            capacity,
            Duration.ofSeconds(10),
            0,
            1e-7,
            capacity,
            capacity,
            10);
    List<NodeRecord> advertisers = new ArrayList<>();
    List<Bytes> requests = new ArrayList<>();
    ServiceId[] services = new ServiceId[50];
    for (int i = 0; i < services.length; i++) {
      services[i] = ServiceId.of("service-" + i);
    }
    for (int i = 0; i < capacity * 2; i++) {
      NodeRecord record =
          new NodeRecordBuilder()
              .signer(NodeKey.generate(random).signer())
              .seq(1)
              .address((1 + i % 223) + "." + (i / 223) + "." + (i % 7) + ".1", 30303)
              .customField(TopDiscCapability.KEY, TopDiscCapability.VERSION_1)
              .build();
      advertisers.add(record);
      requests.add(
          TopicCodec.encode(
              new TopicMessage.RegTopic(
                  Bytes.of(1), services[i % services.length], record, Bytes.EMPTY, List.of())));
    }
    Runtime runtime = Runtime.getRuntime();
    System.gc();
    long heapBefore = runtime.totalMemory() - runtime.freeMemory();
    MutableClock clock = new MutableClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));
    Registrar registrar =
        new Registrar(clock, parameters, random, Stream::empty, java.util.Optional::empty);
    fill(registrar, clock, advertisers.subList(0, capacity * 12 / 10), services, capacity);
    System.gc();
    long heapAfter = runtime.totalMemory() - runtime.freeMemory();
    System.out.printf(
        "ads held %d of %d; registrar heap ~%d KiB (%.1f KiB per ad, ENRs included)%n",
        registrar.adCount(),
        capacity,
        (heapAfter - heapBefore) / 1024,
        (heapAfter - heapBefore) / 1024.0 / Math.max(1, registrar.adCount()));

    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    int n = 20_000;
    long c0 = cpu.getCurrentThreadCpuTime();
    for (int i = 0; i < n; i++) {
      NodeRecord source = advertisers.get(capacity + i % capacity);
      registrar.handle(source, requests.get(capacity + i % capacity)).join();
    }
    long regNanos = (cpu.getCurrentThreadCpuTime() - c0) / n;
    List<Bytes> queries = new ArrayList<>();
    for (ServiceId s : services) {
      queries.add(
          TopicCodec.encode(new TopicMessage.TopicQuery(Bytes.of(2), s, List.of(256, 255, 254))));
    }
    long c1 = cpu.getCurrentThreadCpuTime();
    for (int i = 0; i < n; i++) {
      registrar.handle(advertisers.get(0), queries.get(i % queries.size())).join();
    }
    long queryNanos = (cpu.getCurrentThreadCpuTime() - c1) / n;
    System.out.printf(
        "REGTOPIC at full table (ticket issued): %.1f us CPU each (%.0f per core-second)%n",
        regNanos / 1000.0, 1e9 / regNanos);
    System.out.printf(
        "TOPICQUERY at full table: %.1f us CPU each (%.0f per core-second)%n",
        queryNanos / 1000.0, 1e9 / queryNanos);
  }

  /**
   * Every advertiser registers, retries exactly when its ticket says and renews at 80% of the
   * lifetime, in simulated time, until the table is full.
   */
  private static void fill(
      Registrar registrar,
      MutableClock clock,
      List<NodeRecord> advertisers,
      ServiceId[] services,
      int capacity) {
    record Due(long at, int index, Bytes ticket) {}
    java.util.PriorityQueue<Due> queue =
        new java.util.PriorityQueue<>(java.util.Comparator.comparingLong(Due::at));
    for (int i = 0; i < advertisers.size(); i++) {
      queue.add(new Due(clock.millis(), i, Bytes.EMPTY));
    }
    while (registrar.adCount() < capacity && !queue.isEmpty()) {
      Due due = queue.poll();
      clock.advance(Duration.ofMillis(Math.max(0, due.at() - clock.millis())));
      NodeRecord ad = advertisers.get(due.index());
      Bytes request =
          TopicCodec.encode(
              new TopicMessage.RegTopic(
                  Bytes.of(1),
                  services[due.index() % services.length],
                  ad,
                  due.ticket(),
                  List.of()));
      try {
        TopicMessage.RegConfirmation c =
            (TopicMessage.RegConfirmation)
                TopicCodec.decodeResponses(registrar.handle(ad, request).join()).get(0);
        long next = c.admitted() ? c.waitMillis() * 8 / 10 : c.waitMillis();
        queue.add(new Due(clock.millis() + Math.max(1, next), due.index(), c.ticket()));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
