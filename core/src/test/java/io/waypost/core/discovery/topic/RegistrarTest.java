package io.waypost.core.discovery.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.core.discovery.NodeKey;
import io.waypost.core.model.ServiceId;
import io.waypost.core.testing.MutableClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes;
import org.ethereum.beacon.discovery.schema.NodeRecord;
import org.ethereum.beacon.discovery.schema.NodeRecordBuilder;
import org.junit.jupiter.api.Test;

/** The registrar's admission rules, driven by an injected clock. */
class RegistrarTest {

  static final ServiceId MAIL = ServiceId.of("mailserver");
  static final ServiceId PUSH = ServiceId.of("push-notification");
  static final SecureRandom RANDOM = new SecureRandom();

  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  static NodeRecord advertiser(String ip) {
    NodeKey key = NodeKey.generate(RANDOM);
    return new NodeRecordBuilder()
        .signer(key.signer())
        .seq(1)
        .address(ip, 30303)
        .customField(TopDiscCapability.KEY, TopDiscCapability.VERSION_1)
        .build();
  }

  Registrar registrar(TopicParameters parameters) {
    return new Registrar(clock, parameters, RANDOM, Stream::empty, java.util.Optional::empty);
  }

  /** Where each advertiser's packets come from; by default the address its record claims. */
  java.util.function.Function<NodeRecord, java.util.Optional<InetSocketAddress>> sentFrom =
      NodeRecord::getUdpAddress;

  TopicMessage.RegConfirmation register(
      Registrar registrar, NodeRecord ad, ServiceId service, Bytes ticket) {
    List<TopicMessage> out =
        registrar.register(
            ad,
            new TopicMessage.RegTopic(Bytes.of(1), service, ad, ticket, List.of()),
            sentFrom.apply(ad));
    return (TopicMessage.RegConfirmation) out.get(0);
  }

  /** Registers until admitted, honouring every waiting time by moving the clock. */
  TopicMessage.RegConfirmation registerPatiently(
      Registrar registrar, NodeRecord ad, ServiceId service) {
    TopicMessage.RegConfirmation c = register(registrar, ad, service, Bytes.EMPTY);
    for (int i = 0; i < 20 && !c.admitted(); i++) {
      clock.advance(Duration.ofMillis(c.waitMillis()));
      c = register(registrar, ad, service, c.ticket());
    }
    return c;
  }

  @Test
  void theFirstAdIsAdmittedAtOnceAndExpiresAfterItsLifetime() {
    Registrar registrar = registrar(TopicParameters.defaults());
    NodeRecord ad = advertiser("10.0.0.1");
    TopicMessage.RegConfirmation c = register(registrar, ad, MAIL, Bytes.EMPTY);
    assertTrue(c.admitted());
    assertEquals(Duration.ofMinutes(15).toMillis(), c.waitMillis(), "wait-time carries E");
    assertEquals(1, registrar.adCount(MAIL));
    List<TopicMessage> answer =
        registrar.query(new TopicMessage.TopicQuery(Bytes.of(2), MAIL, List.of()));
    assertEquals(List.of(ad), ((TopicMessage.TopicNodes) answer.get(0)).enrs());

    clock.advance(Duration.ofMinutes(15).minusMillis(1));
    assertEquals(1, registrar.adCount(MAIL));
    clock.advance(Duration.ofMillis(1));
    assertEquals(0, registrar.adCount(MAIL), "gone exactly at its lifetime");
    answer = registrar.query(new TopicMessage.TopicQuery(Bytes.of(3), MAIL, List.of()));
    assertTrue(((TopicMessage.TopicNodes) answer.get(0)).enrs().isEmpty());
  }

  @Test
  void aSecondAdOfTheSameServiceWaitsAndIsAdmittedWithItsTicket() {
    Registrar registrar = registrar(TopicParameters.defaults());
    register(registrar, advertiser("10.0.0.1"), MAIL, Bytes.EMPTY);
    NodeRecord second = advertiser("192.168.7.9");
    TopicMessage.RegConfirmation c = register(registrar, second, MAIL, Bytes.EMPTY);
    assertFalse(c.admitted());
    // c(s)/c = 1: roughly one lifetime, the service-similarity term of the formula.
    assertTrue(c.waitMillis() >= Duration.ofMinutes(15).toMillis() * 9 / 10, "" + c.waitMillis());
    clock.advance(Duration.ofMillis(c.waitMillis()));
    assertTrue(register(registrar, second, MAIL, c.ticket()).admitted());
  }

  @Test
  void aTicketPresentedTooEarlyOrForAnotherAdEarnsNothing() {
    Registrar registrar = registrar(TopicParameters.defaults());
    NodeRecord first = advertiser("10.0.0.1");
    register(registrar, first, MAIL, Bytes.EMPTY);
    NodeRecord second = advertiser("172.16.0.1");
    TopicMessage.RegConfirmation c = register(registrar, second, MAIL, Bytes.EMPTY);
    clock.advance(Duration.ofMillis(c.waitMillis() / 2));
    TopicMessage.RegConfirmation early = register(registrar, second, MAIL, c.ticket());
    assertFalse(early.admitted());
    assertTrue(early.waitMillis() > c.waitMillis() / 2, "an early retry starts over");

    NodeRecord other = advertiser("172.16.0.2");
    clock.advance(Duration.ofMillis(early.waitMillis()));
    assertTrue(register(registrar, first, MAIL, Bytes.EMPTY).admitted(), "first ad renewed");
    assertFalse(register(registrar, other, MAIL, early.ticket()).admitted(), "bound to its ad");
    Bytes forged = early.ticket().mutableCopy();
    ((org.apache.tuweni.bytes.MutableBytes) forged).set(3, (byte) (forged.get(3) ^ 1));
    assertFalse(register(registrar, second, MAIL, forged).admitted(), "MAC checked");
  }

  @Test
  void lessRepresentedServicesWaitLess() {
    Registrar registrar = registrar(TopicParameters.defaults());
    for (int i = 1; i <= 3; i++) {
      registerPatiently(registrar, advertiser("10.0." + i + ".1"), MAIL);
    }
    long mailWait = register(registrar, advertiser("10.9.0.1"), MAIL, Bytes.EMPTY).waitMillis();
    long pushWait = register(registrar, advertiser("10.9.0.2"), PUSH, Bytes.EMPTY).waitMillis();
    assertTrue(pushWait < mailWait, "push " + pushWait + " < mail " + mailWait);
  }

  /**
   * Runs advertisers against one registrar for {@code span} of simulated time, each retrying
   * exactly when told (with its latest ticket) and renewing when admitted; checks after every step
   * that the registrar holds at most {@code capacity} ads.
   */
  void simulate(
      Registrar registrar, List<NodeRecord> ads, ServiceId service, Duration span, int capacity) {
    record Due(long at, NodeRecord ad, Bytes ticket) {}
    java.util.PriorityQueue<Due> queue =
        new java.util.PriorityQueue<>(java.util.Comparator.comparingLong(Due::at));
    long start = clock.millis();
    ads.forEach(ad -> queue.add(new Due(start, ad, Bytes.EMPTY)));
    while (!queue.isEmpty() && queue.peek().at() <= start + span.toMillis()) {
      Due due = queue.poll();
      clock.advance(Duration.ofMillis(due.at() - clock.millis()));
      TopicMessage.RegConfirmation c = register(registrar, due.ad(), service, due.ticket());
      assertTrue(registrar.adCount() <= capacity, "capacity " + capacity + " held");
      long next = c.admitted() ? c.waitMillis() * 8 / 10 : c.waitMillis();
      queue.add(new Due(clock.millis() + Math.max(1, next), due.ad(), c.ticket()));
    }
  }

  @Test
  void oneIpFloodingRegistrationsCannotFillTheTable() throws Exception {
    TopicParameters small = TopicParameters.defaults().withCapacity(50, 5);
    Registrar registrar = registrar(small);
    InetAddress flooder = InetAddress.getByName("203.0.113.7");
    List<NodeRecord> flood = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      flood.add(advertiser("203.0.113.7"));
    }
    List<NodeRecord> honest = List.of(advertiser("198.51.100.1"), advertiser("192.0.2.44"));
    List<NodeRecord> everyone = new java.util.ArrayList<>(flood);
    everyone.addAll(honest);
    simulate(registrar, everyone, MAIL, Duration.ofMinutes(60), 50);
    int fromFlooder = registrar.adCountFromIp(flooder);
    assertTrue(fromFlooder >= 1 && fromFlooder <= 5, "the per-IP cap holds: " + fromFlooder);
    for (NodeRecord h : honest) {
      assertEquals(
          1,
          registrar.adCountFromIp(h.getUdpAddress().orElseThrow().getAddress()),
          "the flood leaves room for an honest advertiser");
    }
    assertTrue(registrar.ipTreeVertices() <= 7 * 32, "IP state bounded by the ads held");
  }

  @Test
  void claimingAnotherIpInTheRecordDoesNotEscapeTheCap() throws Exception {
    // One host re-signs its record with a different claimed IP each time (the attack measured on
    // main: 5.7x maxAdsPerIp placed). The registrar counts the packets' source instead.
    TopicParameters small = TopicParameters.defaults().withCapacity(50, 5);
    Registrar registrar = registrar(small);
    InetSocketAddress host = new InetSocketAddress(InetAddress.getByName("203.0.113.7"), 30303);
    List<NodeRecord> spoofed = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      spoofed.add(advertiser((11 + i % 200) + "." + (i * 37 % 250) + ".9." + (1 + i % 250)));
    }
    List<NodeRecord> honest = List.of(advertiser("198.51.100.1"), advertiser("192.0.2.44"));
    sentFrom = ad -> honest.contains(ad) ? ad.getUdpAddress() : java.util.Optional.of(host);
    List<NodeRecord> everyone = new java.util.ArrayList<>(spoofed);
    everyone.addAll(honest);
    simulate(registrar, everyone, MAIL, Duration.ofMinutes(60), 50);
    int fromHost = registrar.adCountFromIp(host.getAddress());
    assertTrue(
        fromHost >= 1 && fromHost <= 5, "the per-IP cap holds for the real source: " + fromHost);
    for (NodeRecord h : honest) {
      assertEquals(1, registrar.adCountFromIp(h.getUdpAddress().orElseThrow().getAddress()));
    }
  }

  @Test
  void manyAdvertisersBehindOneIpHoldFewAdsOfOneService() throws Exception {
    // 20 nodes behind one address, all advertising the same service, honour every waiting time for
    // an hour: the IP score alone let them in one after another; the per-(service, IP) cap holds
    // them to 3, while the same address may still advertise another service and other addresses
    // the same one.
    Registrar registrar = registrar(TopicParameters.defaults());
    InetAddress shared = InetAddress.getByName("203.0.113.7");
    List<NodeRecord> behindOneIp = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      behindOneIp.add(advertiser("203.0.113.7"));
    }
    NodeRecord honest = advertiser("198.51.100.1");
    List<NodeRecord> everyone = new java.util.ArrayList<>(behindOneIp);
    everyone.add(honest);
    simulate(registrar, everyone, MAIL, Duration.ofMinutes(60), 1000);
    assertEquals(3, registrar.adCountFromIp(MAIL, shared), "the per-(service, IP) cap holds");
    assertEquals(1, registrar.adCountFromIp(MAIL, InetAddress.getByName("198.51.100.1")));
    simulate(registrar, behindOneIp.subList(0, 1), PUSH, Duration.ofMinutes(30), 1000);
    assertEquals(1, registrar.adCountFromIp(PUSH, shared), "another service from the same IP");
  }

  @Test
  void capacityIsNeverExceeded() {
    // Without the occupancy term (Pocc = 0) waiting times stay short as the cache fills, so only
    // the hard capacity check stands between 40 advertisers and 8 slots.
    TopicParameters tiny =
        new TopicParameters(
            5, 5, 10, 30, Duration.ofMinutes(15), 8, Duration.ofSeconds(10), 0, 1e-7, 8, 8, 10);
    Registrar registrar = registrar(tiny);
    List<NodeRecord> ads = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      ads.add(advertiser((11 + i) + "." + (7 * i % 250) + ".0.1"));
    }
    simulate(registrar, ads, ServiceId.of("s"), Duration.ofMinutes(90), 8);
    assertEquals(8, registrar.adCount(), "the cache fills up to its capacity and no further");
  }

  @Test
  void theIpScoreGrowsWithSharedPrefixes() throws Exception {
    IpPrefixTree tree = new IpPrefixTree();
    assertEquals(0, tree.score(InetAddress.getByName("1.2.3.4")));
    for (int i = 0; i < 8; i++) {
      tree.add(InetAddress.getByName("10.1.1." + i));
    }
    double same = tree.score(InetAddress.getByName("10.1.1.200"));
    double far = tree.score(InetAddress.getByName("200.1.1.1"));
    assertTrue(same > 0.7, "same /24: " + same);
    assertEquals(0, far, 1e-9);
    for (int i = 0; i < 8; i++) {
      tree.remove(InetAddress.getByName("10.1.1." + i));
    }
    assertEquals(0, tree.vertices(), "no state left once the ads are gone");
  }
}
