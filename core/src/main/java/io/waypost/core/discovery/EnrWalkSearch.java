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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.ethereum.beacon.discovery.schema.NodeRecord;

/**
 * The capability-entry search: Kademlia lookups towards random targets (FINDNODE, α = 3 in
 * parallel), keeping every node whose record advertises the service (its ENR entry, or a capability
 * the {@link CapabilityMap} maps to it, such as a Waku store bit), until enough are found or a
 * request budget is spent. Works on any discv5 network, at the cost of visiting most of it.
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
    long start = clock.millis();
    long sentBefore = transport.requestsSent();
    long receivedBefore = transport.responsesReceived();
    Walk walk = new Walk(service, wanted, maxRequests);
    knownNodes.get().forEach(walk::learn);
    return walk.next()
        .thenApply(
            ignored ->
                new SearchResult(
                    new ArrayList<>(walk.found.values()),
                    transport.requestsSent() - sentBefore,
                    transport.responsesReceived() - receivedBefore,
                    Duration.ofMillis(clock.millis() - start)));
  }

  private final class Walk {
    final ServiceId service;
    final int wanted;
    final int maxRequests;
    final Map<Bytes, NodeRecord> seen = new LinkedHashMap<>();
    final Map<Bytes, NodeRecord> found = new LinkedHashMap<>();
    final Set<Bytes> asked = new HashSet<>();
    int requests;
    Bytes32 target = Bytes32.random(random);

    Walk(ServiceId service, int wanted, int maxRequests) {
      this.service = service;
      this.wanted = wanted;
      this.maxRequests = maxRequests;
    }

    synchronized void learn(NodeRecord record) {
      if (seen.putIfAbsent(record.getNodeId(), record) == null
          && capabilities.advertises(record, service)
          && found.size() < wanted) {
        found.put(record.getNodeId(), record);
      }
    }

    CompletableFuture<Void> next() {
      List<NodeRecord> batch;
      synchronized (this) {
        if (found.size() >= wanted || requests >= maxRequests) {
          return CompletableFuture.completedFuture(null);
        }
        batch = closestUnasked();
        if (batch.isEmpty()) {
          // This lookup converged: start another towards a fresh random target.
          target = Bytes32.random(random);
          batch = closestUnasked();
          if (batch.isEmpty()) {
            return CompletableFuture.completedFuture(null); // every known node was asked
          }
        }
        requests += batch.size();
      }
      List<CompletableFuture<Void>> calls = new ArrayList<>();
      for (NodeRecord node : batch) {
        calls.add(
            transport
                .findNodes(node, LookupFrontier.distancesTowards(target, node))
                .thenAccept(this::learnAll)
                .exceptionally(e -> null));
      }
      return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
          .thenCompose(ignored -> next());
    }

    private void learnAll(Collection<NodeRecord> records) {
      LookupFrontier.learnValid(records, this::learn);
    }

    private List<NodeRecord> closestUnasked() {
      return LookupFrontier.nextToAsk(seen.values(), target, asked);
    }
  }
}
