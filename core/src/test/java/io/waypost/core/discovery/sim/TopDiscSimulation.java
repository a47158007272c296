package io.waypost.core.discovery.sim;

import io.waypost.core.discovery.EnrWalkSearch;
import io.waypost.core.discovery.NodeKey;
import io.waypost.core.discovery.SearchResult;
import io.waypost.core.discovery.enr.CapabilityMap;
import io.waypost.core.discovery.talk.TalkDispatcher;
import io.waypost.core.discovery.topic.Advertiser;
import io.waypost.core.discovery.topic.Registrar;
import io.waypost.core.discovery.topic.TopicCodec;
import io.waypost.core.discovery.topic.TopicMessage;
import io.waypost.core.discovery.topic.TopicSearch;
import io.waypost.core.model.ServiceId;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.rlp.RLP;
import org.ethereum.beacon.discovery.schema.NodeRecord;
import org.ethereum.beacon.discovery.util.Functions;

/**
 * Runs a {@link Scenario}: builds N nodes with real keys and signed records, each running the
 * production {@link Registrar} (or, for attackers, {@link SybilRegistrar}) behind the production
 * {@link TalkDispatcher}, the production {@link Advertiser} for what it advertises, and searches
 * with the production {@link TopicSearch} and {@link EnrWalkSearch}; all on {@link VirtualTime}
 * over {@link SimNetwork}. Only the DHT below is modelled ({@link KademliaModel}).
 */
public final class TopDiscSimulation {

  public static final ServiceId MEASURED = ServiceId.of("mailserver");
  public static final ServiceId RARE = ServiceId.of("rare-service");

  /** One search's outcome; {@code malicious} of the {@code found} advertisers were attackers. */
  public record Lookup(
      int found, int malicious, long requests, long messages, long hops, long millis) {
    public boolean eclipsed() {
      return found > 0 && malicious == found;
    }
  }

  /**
   * REGTOPIC received per registrar for one topic during the measuring window, and what the
   * registrar nearest the topic holds at its end: all ads ({@code heldAtNearest}) and the topic's;
   * likewise the registrar holding the most ads of the topic ({@code heldAtFullest}, {@code
   * topicHeldAtFullest}), the one DISC-NG's load model means by "the registrar close to the topic"
   * (every advertiser of the topic registers there), whose occupancy its figure compares.
   */
  public record Load(
      ServiceId topic,
      int advertisers,
      long atNearest,
      long max,
      double mean,
      int heldAtNearest,
      int topicHeldAtNearest,
      int heldAtFullest,
      int topicHeldAtFullest) {}

  public record Result(
      Scenario scenario,
      List<Lookup> topic,
      List<Lookup> walk,
      List<Load> load,
      int maxAdsAtRegistrar,
      int maxAdsFromOneAttackerIp,
      int registrarsHoldingMeasured,
      int measuredAdvertisers,
      int attackers,
      double meanActivePlacements,
      long events,
      long failures,
      Duration wallTime) {}

  private final Scenario s;
  private final VirtualTime time = new VirtualTime();
  private final Clock clock = time.clock();
  private final Random random;
  private final SecureRandom secure;
  private final SimNetwork network;
  private final List<SimNode> sybils = new ArrayList<>();
  private final List<SimNode> measuredAdvertisers = new ArrayList<>();
  private final List<SimNode> plain = new ArrayList<>();

  /** Honest nodes advertising a topic other than the measured one. */
  private final List<SimNode> otherAdvertisers = new ArrayList<>();

  private final Map<SimNode, ServiceId> advertises = new HashMap<>();

  /** Per real attacker IP: that IP and every IP its attackers' records claim. */
  private final Map<InetAddress, Set<InetAddress>> attackerIps = new HashMap<>();

  private final Map<ServiceId, Map<SimNode, Long>> regTopicsReceived = new HashMap<>();
  private boolean measuring;

  private TopDiscSimulation(Scenario s) {
    this.s = s;
    this.random = new Random(s.seed());
    try {
      this.secure = SecureRandom.getInstance("SHA1PRNG");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    secure.setSeed(s.seed()); // seeded before first use: a deterministic stream
    this.network = new SimNetwork(time, random, s.loss(), 2000);
  }

  public static Result run(Scenario scenario) {
    return new TopDiscSimulation(scenario).execute();
  }

  private static final boolean PROGRESS = Boolean.getBoolean("topdisc.sim.progress");

  private void progress(String what, long wallStart) {
    if (PROGRESS) {
      System.err.printf(
          "[%5.1f s wall, %6.1f min virtual] %s%n",
          (System.nanoTime() - wallStart) / 1e9, time.now() / 60_000.0, what);
    }
  }

  private Result execute() {
    long wallStart = System.nanoTime();
    build();
    progress("built " + s.nodes() + " nodes and their tables", wallStart);
    startEverything();
    for (long t = 300_000; t < s.warmup().toMillis(); t += 300_000) {
      time.runUntil(t);
      progress("warming up, " + time.eventsExecuted() + " events", wallStart);
    }
    time.runUntil(s.warmup().toMillis());
    progress("warm-up done", wallStart);
    measuring = true;
    List<Lookup> topic = new ArrayList<>();
    List<Lookup> walk = new ArrayList<>();
    // Searchers advertise nothing; in DISC-NG's workload every honest node advertises, so there
    // they are nodes advertising another topic.
    List<SimNode> searchers = new ArrayList<>(plain.isEmpty() ? otherAdvertisers : plain);
    Collections.shuffle(searchers, random);
    // 10 s apart, closer when there are more than 100, so the lookups span at most ~17 minutes.
    long spacing = Math.max(1_000, Math.min(10_000, 1_000_000 / Math.max(1, s.lookups())));
    // Each searcher is chosen when its lookup starts, among the nodes online then: chosen when the
    // lookups were scheduled, before the warm-up, a searcher could have gone offline by its turn
    // and seen every request fail (3 of 50 lookups under 20 % churn counted as misses).
    java.util.Iterator<SimNode> candidates = searchers.iterator();
    for (int i = 0; i < s.lookups(); i++) {
      long at = s.warmup().toMillis() + i * spacing;
      time.after(at - time.now(), () -> topicSearch(onlineSearcher(candidates), topic::add));
      if (s.walk()) {
        time.after(at - time.now(), () -> enrWalk(onlineSearcher(candidates), walk::add));
      }
    }
    // Registrar load is counted over one ad lifetime; lookups need only their own span.
    long tail = s.rareAdvertisers() > 0 ? s.parameters().adLifetime().toMillis() : 120_000;
    long end = s.warmup().toMillis() + s.lookups() * spacing + tail;
    time.runUntil(end);
    progress("lookups done", wallStart);
    return new Result(
        s,
        topic,
        walk,
        loads(),
        network.nodes().stream()
            .filter(n -> !n.sybil && n.online)
            .mapToInt(n -> n.registrar.adCount())
            .max()
            .orElse(0),
        maxAdsFromAttackerIp(),
        (int)
            network.nodes().stream()
                .filter(n -> !n.sybil && n.online && n.registrar.adCount(MEASURED) > 0)
                .count(),
        measuredAdvertisers.size(),
        sybils.size(),
        measuredAdvertisers.stream()
            .filter(n -> n.online && n.advertisers.containsKey(MEASURED))
            .mapToInt(n -> n.advertisers.get(MEASURED).activeRegistrations())
            .average()
            .orElse(0),
        time.eventsExecuted(),
        time.failures(),
        Duration.ofNanos(System.nanoTime() - wallStart));
  }

  /** The next searcher that is online now; each searches once. */
  private static SimNode onlineSearcher(java.util.Iterator<SimNode> candidates) {
    while (candidates.hasNext()) {
      SimNode next = candidates.next();
      if (next.online) {
        return next;
      }
    }
    throw new IllegalStateException("not enough plain nodes to search from");
  }

  private void build() {
    // Each honest node's topic (null: advertises nothing), then the attackers: a share of all N
    // nodes, or in DISC-NG's workload added to the N as a share of the measured topic's
    // advertisers.
    List<ServiceId> honestTopics = new ArrayList<>();
    int sybilCount;
    if (s.zipfTopics() > 0) {
      for (int i = 0; i < s.nodes(); i++) {
        int rank = zipf(s.zipfTopics());
        honestTopics.add(rank == 1 ? MEASURED : ServiceId.of("topic-" + rank));
      }
      long measured = honestTopics.stream().filter(MEASURED::equals).count();
      sybilCount = (int) Math.round(measured * s.sybilShare() / (1 - s.sybilShare()));
    } else {
      sybilCount = (int) Math.round(s.nodes() * s.sybilShare());
      for (int r = 0; r < s.nodes() - sybilCount; r++) {
        honestTopics.add(topicFor(r));
      }
    }
    int n = honestTopics.size() + sybilCount;
    List<Integer> roles = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      roles.add(i);
    }
    Collections.shuffle(roles, random);
    Set<Integer> usedIps = new HashSet<>();
    InetAddress groupIp = null;
    List<SimNode> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int role = roles.get(i);
      boolean sybil = role < sybilCount;
      ServiceId topic =
          sybil ? (s.sybilsAdvertise() ? MEASURED : null) : honestTopics.get(role - sybilCount);
      InetAddress real;
      if (sybil) {
        if (sybils.size() % s.sybilsPerIp() == 0) {
          groupIp = freshIp(usedIps);
          attackerIps.computeIfAbsent(groupIp, k -> new HashSet<>()).add(groupIp);
        }
        real = groupIp;
      } else {
        real = freshIp(usedIps);
      }
      InetAddress claimedIp = sybil && s.spoofClaimedIp() ? freshIp(usedIps) : real;
      if (sybil) {
        attackerIps.get(real).add(claimedIp);
      }
      String claimed = claimedIp.getHostAddress();
      SimNode node =
          new SimNode(
              i,
              NodeKey.generate(secure),
              new InetSocketAddress(real, 30303),
              claimed,
              topic == null ? Set.of() : Set.of(topic),
              sybil,
              random.nextInt(SimNetwork.REGIONS),
              2 + random.nextInt(29),
              network);
      network.add(node);
      all.add(node);
      if (sybil) {
        sybils.add(node);
      } else if (topic == null) {
        plain.add(node);
      } else if (topic.equals(MEASURED)) {
        measuredAdvertisers.add(node);
      } else {
        otherAdvertisers.add(node);
      }
      if (topic != null) {
        advertises.put(node, topic);
      }
    }
    KademliaModel dht = new KademliaModel(all);
    for (SimNode node : all) {
      node.table = dht.table(node, 16, random);
    }
    if (s.rareAdvertisers() > 0) {
      network.observe(this::countRegistration);
    }
  }

  /** Role r (0-based among honest nodes): which topic it advertises, or null. */
  private ServiceId topicFor(int r) {
    if (r < s.advertisers()) {
      return MEASURED;
    }
    r -= s.advertisers();
    if (r < s.rareAdvertisers()) {
      return RARE;
    }
    r -= s.rareAdvertisers();
    if (r < s.backgroundAdvertisers() && s.backgroundTopics() > 0) {
      return ServiceId.of("topic-" + zipf(s.backgroundTopics()));
    }
    return null;
  }

  /** A rank 1..topics drawn with probability proportional to 1/rank. */
  private int zipf(int topics) {
    double h = 0;
    for (int k = 1; k <= topics; k++) {
      h += 1.0 / k;
    }
    double u = random.nextDouble() * h;
    for (int k = 1; k <= topics; k++) {
      u -= 1.0 / k;
      if (u <= 0) {
        return k;
      }
    }
    return topics;
  }

  private InetAddress freshIp(Set<Integer> used) {
    int ip;
    if (s.loopbackAddresses()) {
      // LocalNetwork.nextAddress: 127.0.(1 + h / 250 % 250).(1 + h % 250), h counting from 0.
      int host = used.size();
      ip = 127 << 24 | (1 + (host / 250) % 250) << 8 | (1 + host % 250);
      used.add(ip);
    } else {
      do {
        ip = (1 + random.nextInt(222)) << 24 | random.nextInt(1 << 24);
      } while (!used.add(ip));
    }
    try {
      return InetAddress.getByAddress(
          new byte[] {(byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8), (byte) ip});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private void startEverything() {
    List<NodeRecord> colluders = sybils.stream().map(n -> n.record).toList();
    for (SimNode node : network.nodes()) {
      installRegistrar(node, colluders);
      ServiceId topic = advertises.get(node);
      if (topic != null) {
        // Advertisers join over the first minute, not all in the same millisecond.
        time.after(random.nextInt(60_000), () -> startAdvertiser(node, topic));
      }
      if (!node.sybil && s.offlineShare() > 0) {
        scheduleChurn(node, colluders);
      }
    }
  }

  private void installRegistrar(SimNode node, List<NodeRecord> colluders) {
    TalkDispatcher talk = new TalkDispatcher();
    if (node.sybil) {
      talk.register(
          TopicCodec.PROTOCOL, new SybilRegistrar(MEASURED, colluders, s.parameters(), random));
    } else {
      node.registrar =
          new Registrar(
              clock,
              s.parameters(),
              secure,
              node::knownNodes,
              s.registrarScoresClaimedIp() ? Optional::empty : node.packetSources::current);
      talk.register(TopicCodec.PROTOCOL, node.registrar);
    }
    node.talk = talk;
  }

  private void startAdvertiser(SimNode node, ServiceId topic) {
    if (!node.online) {
      return;
    }
    Advertiser advertiser =
        new Advertiser(
            topic,
            node.transport,
            () -> node.record,
            node::knownNodes,
            s.parameters(),
            time,
            clock,
            secure,
            Duration.ofSeconds(5));
    node.advertisers.put(topic, advertiser);
    advertiser.start();
  }

  /** Sessions of ~1 h online; offline long enough that {@code offlineShare} are away. */
  private void scheduleChurn(SimNode node, List<NodeRecord> colluders) {
    double onlineMean = 3_600_000;
    double offlineMean = onlineMean * s.offlineShare() / (1 - s.offlineShare());
    long firstChange = (long) (-Math.log(1 - random.nextDouble()) * onlineMean);
    Runnable[] toggle = new Runnable[1];
    toggle[0] =
        () -> {
          if (node.online) {
            node.online = false;
            node.advertisers.values().forEach(Advertiser::stop);
            node.advertisers.clear();
            time.after((long) (-Math.log(1 - random.nextDouble()) * offlineMean), toggle[0]);
          } else {
            // A restarted node: empty ad cache, new ticket key, advertising again.
            node.online = true;
            installRegistrar(node, colluders);
            ServiceId topic = advertises.get(node);
            if (topic != null) {
              startAdvertiser(node, topic);
            }
            time.after((long) (-Math.log(1 - random.nextDouble()) * onlineMean), toggle[0]);
          }
        };
    time.after(firstChange, toggle[0]);
  }

  private void topicSearch(SimNode searcher, Consumer<Lookup> out) {
    long rounds = searcher.transport.rounds();
    long started = time.now();
    new TopicSearch(searcher.transport, known(searcher), s.parameters(), clock, secure)
        .search(MEASURED, s.wanted())
        .thenAccept(r -> afterLateAnswers(r, searcher, rounds, started, out));
  }

  private void enrWalk(SimNode searcher, Consumer<Lookup> out) {
    long rounds = searcher.transport.rounds();
    long started = time.now();
    new EnrWalkSearch(searcher.transport, known(searcher), CapabilityMap.defaults(), clock, secure)
        .search(MEASURED, s.wanted(), 5000)
        .thenAccept(r -> afterLateAnswers(r, searcher, rounds, started, out));
  }

  /**
   * A search that has what it wants ends without waiting for its requests still in flight, so its
   * own count leaves out their answers; they still cross the network. The lookup's messages are its
   * requests plus every answer that arrives, counted once the request timeout has passed.
   */
  private void afterLateAnswers(
      SearchResult r, SimNode searcher, long rounds, long started, Consumer<Lookup> out) {
    long ended = time.now();
    long sentAtEnd = searcher.transport.requestsSent();
    long receivedAtEnd = searcher.transport.responsesReceived();
    time.after(
        network.timeoutMillis() + 1,
        () -> {
          long late = searcher.transport.responsesReceived() - receivedAtEnd;
          long sentSince = searcher.transport.requestsSent() - sentAtEnd;
          // Only a searcher that sends nothing else afterwards can be counted this way.
          long extra = sentSince == 0 ? late : 0;
          out.accept(outcome(r, extra, searcher, rounds, started, ended));
        });
  }

  /** The searcher's routing table: converged, or the few nodes a newcomer knows. */
  private java.util.function.Supplier<java.util.stream.Stream<NodeRecord>> known(SimNode searcher) {
    if (s.searcherKnows() == 0) {
      return searcher::knownNodes;
    }
    List<NodeRecord> some = new ArrayList<>(searcher.knownNodes().toList());
    Collections.shuffle(some, random);
    List<NodeRecord> few = List.copyOf(some.subList(0, Math.min(s.searcherKnows(), some.size())));
    return few::stream;
  }

  private Lookup outcome(
      SearchResult r,
      long lateAnswers,
      SimNode searcher,
      long roundsBefore,
      long started,
      long ended) {
    int malicious = 0;
    for (NodeRecord found : r.found()) {
      SimNode node = network.node(found.getNodeId());
      if (node != null && node.sybil) {
        malicious++;
      }
    }
    return new Lookup(
        r.found().size(),
        malicious,
        r.requests(),
        r.messages() + lateAnswers,
        searcher.transport.rounds() - roundsBefore,
        ended - started);
  }

  private void countRegistration(SimNode from, SimNode to, Bytes protocol, Bytes request) {
    if (!measuring
        || !protocol.equals(TopicCodec.PROTOCOL)
        || request.isEmpty()
        || request.get(0) != TopicMessage.REGTOPIC) {
      return;
    }
    Bytes topic;
    try {
      topic =
          RLP.decodeList(
              request.slice(1),
              r -> {
                r.readValue();
                return r.readValue();
              });
    } catch (RuntimeException e) {
      return;
    }
    ServiceId service = topic.equals(MEASURED.value()) ? MEASURED : RARE;
    if (topic.equals(MEASURED.value()) || topic.equals(RARE.value())) {
      regTopicsReceived.computeIfAbsent(service, k -> new HashMap<>()).merge(to, 1L, Long::sum);
    }
  }

  private List<Load> loads() {
    List<Load> out = new ArrayList<>();
    for (Map.Entry<ServiceId, Map<SimNode, Long>> e : regTopicsReceived.entrySet()) {
      ServiceId topic = e.getKey();
      SimNode nearest =
          network.nodes().stream()
              .filter(n -> !n.sybil)
              .min(
                  (a, b) ->
                      Functions.distance(topic.value(), a.nodeId())
                          .compareTo(Functions.distance(topic.value(), b.nodeId())))
              .orElseThrow();
      SimNode fullest =
          network.nodes().stream()
              .filter(n -> !n.sybil)
              .max(
                  (a, b) -> Integer.compare(a.registrar.adCount(topic), b.registrar.adCount(topic)))
              .orElseThrow();
      long max = e.getValue().values().stream().mapToLong(Long::longValue).max().orElse(0);
      double mean = e.getValue().values().stream().mapToLong(Long::longValue).average().orElse(0);
      int advertisers = topic.equals(MEASURED) ? s.advertisers() : s.rareAdvertisers();
      out.add(
          new Load(
              topic,
              advertisers,
              e.getValue().getOrDefault(nearest, 0L),
              max,
              mean,
              nearest.registrar.adCount(),
              nearest.registrar.adCount(topic),
              fullest.registrar.adCount(),
              fullest.registrar.adCount(topic)));
    }
    return out;
  }

  /**
   * The most ads any registrar holds from the attackers behind one real IP, counted however the
   * registrar keys them (by the real IP, or by the IPs their records claim).
   */
  private int maxAdsFromAttackerIp() {
    int max = 0;
    for (SimNode node : network.nodes()) {
      if (node.sybil || !node.online) {
        continue;
      }
      for (Set<InetAddress> keys : attackerIps.values()) {
        int held = 0;
        for (InetAddress ip : keys) {
          held += node.registrar.adCountFromIp(ip);
        }
        max = Math.max(max, held);
      }
    }
    return max;
  }
}
