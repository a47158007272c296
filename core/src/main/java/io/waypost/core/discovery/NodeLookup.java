package io.waypost.core.discovery;

import io.waypost.core.discovery.enr.NodeRecords;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.ethereum.beacon.discovery.schema.NodeRecord;

/**
 * Finds the record of one node by its id, as discv5's "lookup" does: FINDNODE towards the target at
 * the log-distances that hold it, up to α = 3 in flight (each answer frees a slot for the closest
 * node not yet asked, see {@link RequestWindow}), until a record with that id arrives or the K
 * closest nodes seen have all been asked. When the record is found the node itself is asked for its
 * own (FINDNODE distance 0), so that the answer is its newest record, not a copy a neighbour kept.
 * Every record is checked (signature, fields) before it counts.
 */
public final class NodeLookup {

  private final Transport transport;
  private final Supplier<Stream<NodeRecord>> knownNodes;
  private final Clock clock;

  public NodeLookup(Transport transport, Supplier<Stream<NodeRecord>> knownNodes, Clock clock) {
    this.transport = transport;
    this.knownNodes = knownNodes;
    this.clock = clock;
  }

  /** What a lookup found (if anything) and what it cost. */
  public record Result(Optional<NodeRecord> record, int nodesAsked, long requests, Duration took) {}

  public CompletableFuture<Result> resolve(Bytes32 target, int maxRequests) {
    long start = clock.millis();
    long sentBefore = transport.requestsSent();
    Walk walk = new Walk(target, maxRequests);
    knownNodes.get().forEach(walk::learn);
    return walk.walk()
        .thenCompose(walk::askForNewest)
        .thenApply(
            found ->
                new Result(
                    found,
                    walk.asked.size(),
                    transport.requestsSent() - sentBefore,
                    Duration.ofMillis(clock.millis() - start)));
  }

  private final class Walk implements RequestWindow.Search {
    final Bytes32 target;
    final int maxRequests;
    final Map<Bytes, NodeRecord> seen = new LinkedHashMap<>();
    final Set<Bytes> asked = new HashSet<>();
    int requests;

    Walk(Bytes32 target, int maxRequests) {
      this.target = target;
      this.maxRequests = maxRequests;
    }

    synchronized void learn(NodeRecord record) {
      seen.merge(record.getNodeId(), record, NodeRecords::newer);
    }

    synchronized Optional<NodeRecord> found() {
      return Optional.ofNullable(seen.get(target));
    }

    /** FINDNODE towards the target, α in flight, until it is found, converged or out of budget. */
    CompletableFuture<Optional<NodeRecord>> walk() {
      return RequestWindow.run(LookupFrontier.ALPHA, this).thenApply(ignored -> found());
    }

    @Override
    public synchronized boolean satisfied() {
      return seen.containsKey(target);
    }

    @Override
    public synchronized Optional<Supplier<CompletableFuture<?>>> next() {
      if (requests >= maxRequests) {
        return Optional.empty();
      }
      Optional<NodeRecord> node = LookupFrontier.nextToAsk(seen.values(), target, asked);
      node.ifPresent(n -> requests++);
      return node.map(
          n ->
              () ->
                  transport
                      .findNodes(n, LookupFrontier.distancesTowards(target, n))
                      .thenAccept(this::learnAll));
    }

    /** The node itself answers distance 0 with its current record; a neighbour's may be old. */
    CompletableFuture<Optional<NodeRecord>> askForNewest(Optional<NodeRecord> found) {
      if (found.isEmpty()) {
        return CompletableFuture.completedFuture(found);
      }
      NodeRecord record = found.get();
      return transport
          .findNodes(record, List.of(0))
          .thenApply(
              own -> {
                learnAll(own);
                return found();
              })
          // An unreachable node still has the record its neighbours hold: that is the answer.
          .exceptionally(e -> found);
    }

    private void learnAll(Collection<NodeRecord> records) {
      LookupFrontier.valid(records).forEach(this::learn);
    }
  }
}
