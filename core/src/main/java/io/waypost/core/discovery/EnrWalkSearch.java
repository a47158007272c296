package io.waypost.core.discovery;

import io.waypost.core.discovery.enr.CapabilityMap;
import io.waypost.core.model.ServiceId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
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
 * The capability-entry search: Kademlia lookups towards random targets (FINDNODE, up to α = 3 in
 * flight, see {@link RequestWindow}; a converged lookup gives way to a new target at once), keeping
 * every node whose record advertises the service (its ENR entry, or a capability the {@link
 * CapabilityMap} maps to it, such as a Waku store bit), until enough are found or a request budget
 * is spent. Works on any discv5 network, at the cost of visiting most of it.
 */
public final class EnrWalkSearch {

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
    final Set<Bytes> asked = new HashSet<>();
    int requests;
    Bytes32 target = Bytes32.random(random);

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
      Optional<NodeRecord> node = LookupFrontier.nextToAsk(seen.values(), target, asked);
      if (node.isEmpty()) {
        // This lookup has converged (or waits on answers in flight): the walk is after nodes,
        // not this target, so it goes on towards a fresh random one at once.
        target = Bytes32.random(random);
        node = LookupFrontier.nextToAsk(seen.values(), target, asked);
      }
      Bytes32 towards = target;
      node.ifPresent(n -> requests++);
      return node.map(
          n ->
              () ->
                  transport
                      .findNodes(n, LookupFrontier.distancesTowards(towards, n))
                      .thenAccept(answer -> learnAll(LookupFrontier.valid(answer))));
    }

    /** Learns checked records; hands the new advertisers on outside the lock. */
    void learnAll(Collection<NodeRecord> records) {
      records.stream().filter(this::learn).toList().forEach(onFound);
    }
  }
}
