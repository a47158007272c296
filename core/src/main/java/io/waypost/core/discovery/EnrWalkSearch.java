package io.waypost.core.discovery;

import io.waypost.core.discovery.enr.CapabilityMap;
import io.waypost.core.model.ServiceId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.ethereum.beacon.discovery.schema.NodeRecord;

/**
 * The capability-entry search: a random walk over the DHT (FINDNODE, up to α = 3 in flight, see
 * {@link RequestWindow}), keeping every node whose record advertises the service (its ENR entry, or
 * a capability the {@link CapabilityMap} maps to it, such as a Waku store bit), until enough are
 * found or a request budget is spent. Works on any discv5 network, at the cost of visiting most of
 * it.
 *
 * <p>Each request goes towards a fresh random target: to the known node closest to it, for the
 * distances around it. A walk wants as many new nodes per request as it can get; a lookup that
 * closes in on one target asks nodes near each other, whose answers overlap (measured in the
 * simulator: converging lookups cost the walk about twice the messages, docs/benchmarks.md).
 */
public final class EnrWalkSearch {

  /**
   * Random targets tried for one request before the walk decides it has asked every node all it
   * could: a node is asked again only for distances it was not asked for yet.
   */
  private static final int FRESH_TARGETS = 16;

  private final Transport transport;
  private final Supplier<Stream<NodeRecord>> knownNodes;
  private final Clock clock;
  private final SecureRandom random;
  private final CapabilityMap capabilities;

  public EnrWalkSearch(
      Transport transport,
      Supplier<Stream<NodeRecord>> knownNodes,
      CapabilityMap capabilities,
      Clock clock,
      SecureRandom random) {
    this.transport = transport;
    this.capabilities = capabilities;
    this.knownNodes = knownNodes;
    this.clock = clock;
    this.random = random;
  }

  public CompletableFuture<SearchResult> search(ServiceId service, int wanted, int maxRequests) {
    return search(service, wanted, maxRequests, found -> {});
  }

  /**
   * The same, handing each advertiser to {@code onFound} as soon as the walk has it (a client may
   * probe the first while the walk goes on). Called outside the walk's lock, once per advertiser.
   */
  public CompletableFuture<SearchResult> search(
      ServiceId service, int wanted, int maxRequests, Consumer<NodeRecord> onFound) {
    long start = clock.millis();
    long sentBefore = transport.requestsSent();
    long receivedBefore = transport.responsesReceived();
    Walk walk = new Walk(service, wanted, maxRequests, onFound);
    walk.learnAll(knownNodes.get().toList()); // the routing table's records, already checked
    return RequestWindow.run(LookupFrontier.ALPHA, walk)
        .thenApply(
            ignored ->
                new SearchResult(
                    walk.found(),
                    transport.requestsSent() - sentBefore,
                    transport.responsesReceived() - receivedBefore,
                    Duration.ofMillis(clock.millis() - start)));
  }

  private final class Walk implements RequestWindow.Search {
    final ServiceId service;
    final int wanted;
    final int maxRequests;
    final Consumer<NodeRecord> onFound;
    final Map<Bytes, NodeRecord> seen = new LinkedHashMap<>();
    final Map<Bytes, NodeRecord> found = new LinkedHashMap<>();

    /** Each node with the distances it was asked for: asked again only for other distances. */
    final Set<String> asked = new HashSet<>();

    /** Nodes with a request in flight, and nodes that did not answer: not asked (again). */
    final Set<Bytes> busy = new HashSet<>();

    final Set<Bytes> silent = new HashSet<>();

    int requests;

    Walk(ServiceId service, int wanted, int maxRequests, Consumer<NodeRecord> onFound) {
      this.service = service;
      this.wanted = wanted;
      this.maxRequests = maxRequests;
      this.onFound = onFound;
    }

    /** Keeps a record; true if it is a new advertiser the walk still wants. */
    synchronized boolean learn(NodeRecord record) {
      if (seen.putIfAbsent(record.getNodeId(), record) == null
          && capabilities.advertises(record, service)
          && found.size() < wanted) {
        found.put(record.getNodeId(), record);
        return true;
      }
      return false;
    }

    synchronized List<NodeRecord> found() {
      return new ArrayList<>(found.values());
    }

    @Override
    public synchronized boolean satisfied() {
      return found.size() >= wanted;
    }

    @Override
    public synchronized Optional<Supplier<CompletableFuture<?>>> next() {
      if (requests >= maxRequests) {
        return Optional.empty();
      }
      Optional<NodeRecord> node = Optional.empty();
      Bytes32 target = null;
      // In a small network one FINDNODE of a node's three distances may bring nothing new: the
      // walk then asks the nodes it knows for other distances rather than stopping.
      for (int tries = 0; node.isEmpty() && tries < FRESH_TARGETS; tries++) {
        target = Bytes32.random(random);
        node = nextToward(target);
      }
      Bytes32 towards = target;
      node.ifPresent(
          n -> {
            requests++;
            busy.add(n.getNodeId());
          });
      return node.map(
          n ->
              () ->
                  transport
                      .findNodes(n, LookupFrontier.distancesTowards(towards, n))
                      .whenComplete((answer, error) -> answered(n, error == null))
                      .thenAccept(answer -> learnAll(LookupFrontier.valid(answer))));
    }

    synchronized void answered(NodeRecord node, boolean answered) {
      busy.remove(node.getNodeId());
      if (!answered) {
        silent.add(node.getNodeId());
      }
    }

    /**
     * Of the {@link LookupFrontier#K} seen nodes closest to {@code towards} that are neither busy
     * nor silent, the closest not yet asked for the distances this target needs; marked asked.
     */
    private Optional<NodeRecord> nextToward(Bytes32 towards) {
      Optional<NodeRecord> next =
          seen.values().stream()
              .sorted(
                  Comparator.comparing(
                      (NodeRecord n) -> LookupFrontier.xorDistance(towards, n.getNodeId())))
              .filter(n -> !busy.contains(n.getNodeId()) && !silent.contains(n.getNodeId()))
              .limit(LookupFrontier.K)
              .filter(n -> !asked.contains(askKey(n, towards)))
              .findFirst();
      next.ifPresent(n -> asked.add(askKey(n, towards)));
      return next;
    }

    private static String askKey(NodeRecord node, Bytes32 towards) {
      return node.getNodeId().toUnprefixedHexString()
          + LookupFrontier.distancesTowards(towards, node);
    }

    /** Learns checked records; hands the new advertisers on outside the lock. */
    void learnAll(Collection<NodeRecord> records) {
      records.stream().filter(this::learn).toList().forEach(onFound);
    }
  }
}
