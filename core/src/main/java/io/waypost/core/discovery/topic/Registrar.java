package io.waypost.core.discovery.topic;

import io.waypost.core.discovery.Crypto;
import io.waypost.core.discovery.enr.NodeRecords;
import io.waypost.core.discovery.talk.TalkProtocol;
import io.waypost.core.model.NodeId;
import io.waypost.core.model.ServiceId;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.rlp.RLP;
import org.ethereum.beacon.discovery.schema.NodeRecord;
import org.ethereum.beacon.discovery.util.Functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registrar side of TopDisc: admits ads by waiting time and tickets, answers topic queries.
 * Stateless towards pending advertisers (all their state is in the tickets they carry); its own
 * state, the ad cache and IP tree, is bounded by the capacity.
 */
public final class Registrar implements TalkProtocol {

  private static final Logger LOG = LoggerFactory.getLogger(Registrar.class);

  /** Room for our payload in one 1280-byte discv5 packet after header, message framing and tag. */
  static final int RESPONSE_BUDGET = 1100;

  static final int MAX_AUX = 3;

  private final Clock clock;
  private final TopicParameters parameters;
  private final Ticket.Authority tickets;
  private final Supplier<Stream<NodeRecord>> knownNodes;
  private final Supplier<Optional<InetSocketAddress>> packetSource;
  private final Random random;
  private final AdCache cache = new AdCache();
  private final Map<ServiceId, long[]> serviceLowerBound = new HashMap<>();

  /**
   * @param packetSource the address the request being handled came from, as the socket saw it
   *     ({@code PacketSources}); ads are counted and scored by it, never by the IP the advertised
   *     record claims. Empty only where no packet exists (unit tests calling {@link #handle}
   *     directly): then the record's IP stands in.
   */
  public Registrar(
      Clock clock,
      TopicParameters parameters,
      SecureRandom random,
      Supplier<Stream<NodeRecord>> knownNodes,
      Supplier<Optional<InetSocketAddress>> packetSource) {
    this.clock = clock;
    this.parameters = parameters;
    this.tickets = new Ticket.Authority(random);
    this.random = random;
    this.knownNodes = knownNodes;
    this.packetSource = packetSource;
  }

  @Override
  public CompletableFuture<Bytes> handle(NodeRecord source, Bytes request) {
    try {
      TopicMessage message = TopicCodec.decode(request);
      List<TopicMessage> responses =
          switch (message) {
            case TopicMessage.RegTopic reg -> register(source, reg, packetSource.get());
            case TopicMessage.TopicQuery query -> query(query);
            default -> List.of();
          };
      return CompletableFuture.completedFuture(
          responses.isEmpty() ? Bytes.EMPTY : TopicCodec.encodeResponses(responses));
    } catch (MalformedMessageException e) {
      LOG.debug(
          "Dropped a malformed TopDisc request from {}: {}", source.getNodeId(), e.getMessage());
      return CompletableFuture.completedFuture(Bytes.EMPTY);
    }
  }

  synchronized List<TopicMessage> register(
      NodeRecord source, TopicMessage.RegTopic reg, Optional<InetSocketAddress> sentFrom) {
    if (!reg.enr().getNodeId().equals(source.getNodeId())) {
      // An ad is for the sender's own record only; otherwise one node could fill tables for others.
      return List.of();
    }
    long now = clock.millis();
    long lifetime = parameters.adLifetime().toMillis();
    cache.expire(now);
    NodeId advertiser = NodeRecords.describe(reg.enr()).nodeId();
    InetAddress ip = sentFrom.map(InetSocketAddress::getAddress).orElseGet(() -> ipOf(reg.enr()));
    List<NodeRecord> aux = auxiliary(reg.topic(), reg.distances(), MAX_AUX);
    if (cache.find(reg.topic(), advertiser).isPresent()) {
      cache.put(new AdCache.Ad(reg.topic(), advertiser, reg.enr(), ip, now + lifetime));
      return confirm(reg, Bytes.EMPTY, lifetime, aux);
    }
    Bytes32 digest = adDigest(reg.topic(), reg.enr());
    boolean admissible =
        cache.size() < parameters.capacity()
            && cache.countFromIp(ip) < parameters.maxAdsPerIp()
            && cache.countFromIp(reg.topic(), ip) < parameters.maxAdsPerTopicIp();
    long wait = admissible ? waitingTime(reg.topic(), ip, now) : lifetime;
    long tInit = now;
    Optional<Ticket> ticket =
        reg.ticket().isEmpty() ? Optional.empty() : tickets.verify(reg.ticket());
    if (ticket.isPresent()
        && ticket.get().adDigest().equals(digest)
        && now >= ticket.get().tMod() + ticket.get().tWait()
        && now
            <= ticket.get().tMod()
                + ticket.get().tWait()
                + parameters.registrationWindow().toMillis()) {
      tInit = ticket.get().tInit();
    }
    long remaining = wait - (now - tInit);
    if (admissible && remaining <= 0) {
      cache.put(new AdCache.Ad(reg.topic(), advertiser, reg.enr(), ip, now + lifetime));
      return confirm(reg, Bytes.EMPTY, lifetime, aux);
    }
    // Never sooner than a quarter of the current waiting time: near a popular topic every
    // admission raises the wait of those still pending, and advertisers told "the remaining few
    // seconds" came back every ~26 s, hundreds of requests per registrar (simulator, docs/
    // benchmarks.md). Coming back later than strictly needed only delays an admission.
    long twait =
        admissible ? Math.min(Math.max(remaining, Math.max(1, wait / 4)), lifetime) : lifetime;
    Bytes issued = tickets.issue(new Ticket(digest, tInit, now, twait));
    return confirm(reg, issued, twait, aux);
  }

  private List<TopicMessage> confirm(
      TopicMessage.RegTopic reg, Bytes ticket, long wait, List<NodeRecord> aux) {
    int total = aux.isEmpty() ? 1 : 2;
    List<TopicMessage> out = new ArrayList<>();
    out.add(new TopicMessage.RegConfirmation(reg.requestId(), total, ticket, wait));
    if (!aux.isEmpty()) {
      out.add(new TopicMessage.Nodes(reg.requestId(), total, aux));
    }
    return out;
  }

  synchronized List<TopicMessage> query(TopicMessage.TopicQuery query) {
    cache.expire(clock.millis());
    // Auxiliary ENRs are chosen first and their room reserved: without them a searcher that
    // knows few registrars cannot move on towards the service id, and a packet full of ads
    // would leave none.
    int used = 64;
    List<NodeRecord> aux = new ArrayList<>();
    for (NodeRecord candidate : auxiliary(query.topic(), query.distances(), MAX_AUX)) {
      int size = candidate.serialize().size();
      if (used + size > RESPONSE_BUDGET / 2) {
        break;
      }
      used += size;
      aux.add(candidate);
    }
    List<NodeRecord> ads = new ArrayList<>();
    for (AdCache.Ad ad : cache.sample(query.topic(), parameters.fReturn(), random)) {
      int size = ad.enr().serialize().size();
      if (used + size > RESPONSE_BUDGET) {
        break;
      }
      used += size;
      ads.add(ad.enr());
    }
    int total = aux.isEmpty() ? 1 : 2;
    List<TopicMessage> out = new ArrayList<>();
    out.add(new TopicMessage.TopicNodes(query.requestId(), total, ads));
    if (!aux.isEmpty()) {
      out.add(new TopicMessage.Nodes(query.requestId(), total, aux));
    }
    return out;
  }

  /**
   * w = E / (1 - c/C)^Pocc * (c(s)/c + ipScore + G), in milliseconds. The service term is raised to
   * its lower bound so that asking again never beats waiting (discv5-theory.md, "Waiting-Time Lower
   * Bound"); the bound is kept per service present in the cache, so it is bounded by the cache. It
   * applies to the service term alone: bounding the whole sum would let one flooding address's IP
   * term raise every other advertiser's wait for the same service.
   */
  long waitingTime(ServiceId service, InetAddress ip, long now) {
    double e = parameters.adLifetime().toMillis();
    int c = cache.size();
    double scale = e / Math.pow(1 - (double) c / parameters.capacity(), parameters.pOcc());
    double similarity = c == 0 ? 0 : (double) cache.count(service) / c;
    double serviceTerm = Math.min(scale * similarity, Long.MAX_VALUE / 4.0);
    serviceLowerBound.keySet().removeIf(s -> cache.count(s) == 0);
    if (cache.count(service) > 0) {
      long[] bound = serviceLowerBound.computeIfAbsent(service, s -> new long[] {0, now});
      serviceTerm = Math.max(serviceTerm, bound[0] - (now - bound[1]));
      bound[0] = (long) serviceTerm;
      bound[1] = now;
    }
    double w = serviceTerm + scale * (cache.ipScore(ip) + parameters.g());
    // The wire carries milliseconds, so a sub-millisecond wait (an empty cache: E * G) is no wait.
    return (long) Math.floor(Math.min(w, Long.MAX_VALUE / 4.0));
  }

  private List<NodeRecord> auxiliary(ServiceId topic, List<Integer> distances, int max) {
    if (distances.isEmpty()) {
      return List.of();
    }
    Map<Integer, List<NodeRecord>> byDistance = new HashMap<>();
    knownNodes
        .get()
        .filter(TopDiscCapability::isRegistrar)
        .forEach(
            n ->
                byDistance
                    .computeIfAbsent(
                        Functions.logDistance(topic.value(), n.getNodeId()), d -> new ArrayList<>())
                    .add(n));
    List<NodeRecord> out = new ArrayList<>();
    for (int d : distances) {
      List<NodeRecord> candidates = byDistance.get(d);
      if (candidates != null && !candidates.isEmpty()) {
        out.add(candidates.get(random.nextInt(candidates.size())));
        if (out.size() == max) {
          break;
        }
      }
    }
    return out;
  }

  static Bytes32 adDigest(ServiceId topic, NodeRecord enr) {
    return Crypto.keccak(
        RLP.encodeList(
            w -> {
              w.writeValue(topic.value());
              w.writeRLP(enr.serialize());
            }));
  }

  private static InetAddress ipOf(NodeRecord enr) {
    return enr.getUdpAddress()
        .map(InetSocketAddress::getAddress)
        .orElse(InetAddress.getLoopbackAddress());
  }

  public synchronized int adCount() {
    cache.expire(clock.millis());
    return cache.size();
  }

  public synchronized int adCount(ServiceId service) {
    cache.expire(clock.millis());
    return cache.count(service);
  }

  public synchronized int adCountFromIp(InetAddress ip) {
    cache.expire(clock.millis());
    return cache.countFromIp(ip);
  }

  public synchronized int adCountFromIp(ServiceId service, InetAddress ip) {
    cache.expire(clock.millis());
    return cache.countFromIp(service, ip);
  }

  /** State held for the IP tree, to show it stays bounded by the ads held. */
  public synchronized int ipTreeVertices() {
    return cache.ipTreeVertices();
  }
}
