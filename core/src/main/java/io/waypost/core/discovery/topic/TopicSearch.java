package io.waypost.core.discovery.topic;

import io.waypost.core.discovery.SearchResult;
import io.waypost.core.discovery.Transport;
import io.waypost.core.model.ServiceId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes;
import org.ethereum.beacon.discovery.schema.NodeRecord;

/**
 * The discoverer (discv5-theory.md, "Lookup Procedure"): builds B(s) from the routing table, then
 * walks it bucket by bucket from far to near, sending TOPICQUERY to up to K_lookup registrars per
 * bucket (in parallel within a bucket) and adding the auxiliary ENRs it is sent to B(s), until
 * enough distinct advertisers are found or no registrar is left.
 */
public final class TopicSearch {

  /** Distances offered as "room here" hints in one query. */
  private static final int HINT_DISTANCES = 16;

  private static final int PASSES = 3;

  /**
   * The results of one search come from at least this many registrars (each contributes at most
   * wanted / 10 new advertisers, at least 1). A registrar that lies (answers only with its
   * colluders' ads, DISC-NG's eclipse attack) then fills at most a tenth of the result. Measured in
   * the simulator (N = 1,000, half the nodes lying, wanted = 10): taking every ad offered, the
   * lying registrars among the first bucket's five filled all 10 places in 42 % of lookups; with
   * this limit, none.
   */
  static final int MIN_REGISTRARS = 10;

  private final Transport transport;
  private final Supplier<Stream<NodeRecord>> knownNodes;
  private final TopicParameters parameters;
  private final Clock clock;
  private final SecureRandom random;

  public TopicSearch(
      Transport transport,
      Supplier<Stream<NodeRecord>> knownNodes,
      TopicParameters parameters,
      Clock clock,
      SecureRandom random) {
    this.transport = transport;
    this.knownNodes = knownNodes;
    this.parameters = parameters;
    this.clock = clock;
    this.random = random;
  }

  /** Finds up to {@code wanted} advertisers of {@code service} (at most F_lookup). */
  public CompletableFuture<SearchResult> search(ServiceId service, int wanted) {
    long start = clock.millis();
    long sentBefore = transport.requestsSent();
    long receivedBefore = transport.responsesReceived();
    int target = wanted;
    ServiceTable table = new ServiceTable(service, 16);
    knownNodes.get().forEach(table::add);
    Lookup lookup = new Lookup(service, target, table);
    return lookup
        .pass(1)
        .thenApply(
            ignored ->
                new SearchResult(
                    new ArrayList<>(lookup.found.values()),
                    transport.requestsSent() - sentBefore,
                    transport.responsesReceived() - receivedBefore,
                    Duration.ofMillis(clock.millis() - start)));
  }

  private final class Lookup {
    final ServiceId service;
    final int target;
    final ServiceTable table;
    final Map<Bytes, NodeRecord> found = Collections.synchronizedMap(new LinkedHashMap<>());
    final Set<Bytes> queried = Collections.synchronizedSet(new HashSet<>());
    final int perRegistrar;

    Lookup(ServiceId service, int target, ServiceTable table) {
      this.service = service;
      this.target = target;
      this.table = table;
      this.perRegistrar = Math.max(1, target / MIN_REGISTRARS);
    }

    /**
     * One walk from the farthest bucket to the nearest. Auxiliary ENRs may land in buckets already
     * passed; a further pass (at most {@value #PASSES} in all) asks those before giving up.
     */
    CompletableFuture<Void> pass(int number) {
      return bucket(Math.max(table.farthestNonEmpty(), 1))
          .thenCompose(
              ignored ->
                  found.size() < target && number < PASSES && hasUnqueried()
                      ? pass(number + 1)
                      : CompletableFuture.completedFuture(null));
    }

    boolean hasUnqueried() {
      for (int d = 256; d >= 1; d--) {
        for (NodeRecord n : table.bucket(d)) {
          if (!queried.contains(n.getNodeId())) {
            return true;
          }
        }
      }
      return false;
    }

    CompletableFuture<Void> bucket(int distance) {
      if (distance < 1 || found.size() >= target) {
        return CompletableFuture.completedFuture(null);
      }
      List<NodeRecord> candidates = new ArrayList<>(table.bucket(distance));
      candidates.removeIf(n -> queried.contains(n.getNodeId()));
      Collections.shuffle(candidates, random);
      List<NodeRecord> chosen =
          candidates.subList(0, Math.min(parameters.kLookup(), candidates.size()));
      List<CompletableFuture<Void>> queries = new ArrayList<>();
      for (NodeRecord registrar : chosen) {
        queried.add(registrar.getNodeId());
        queries.add(query(registrar, distance));
      }
      return CompletableFuture.allOf(queries.toArray(CompletableFuture[]::new))
          .thenCompose(ignored -> bucket(distance - 1));
    }

    /** Adds at most {@code perRegistrar} new advertisers from one registrar's answer. */
    void take(List<NodeRecord> ads) {
      synchronized (found) {
        int taken = 0;
        for (NodeRecord ad : ads) {
          if (found.containsKey(ad.getNodeId())) {
            found.merge(ad.getNodeId(), ad, TopicSearch::newer);
          } else if (found.size() < target && taken < perRegistrar) {
            found.put(ad.getNodeId(), ad);
            taken++;
          }
        }
      }
    }

    CompletableFuture<Void> query(NodeRecord registrar, int distance) {
      Bytes requestId = Bytes.random(8, random);
      TopicMessage.TopicQuery query =
          new TopicMessage.TopicQuery(requestId, service, table.hints(HINT_DISTANCES));
      return transport
          .talk(registrar, TopicCodec.PROTOCOL, TopicCodec.encode(query))
          .thenAccept(
              payload -> {
                try {
                  for (TopicMessage m : TopicCodec.decodeResponses(payload)) {
                    if (!m.requestId().equals(requestId)) {
                      continue;
                    }
                    if (m instanceof TopicMessage.TopicNodes nodes) {
                      take(nodes.enrs());
                    } else if (m instanceof TopicMessage.Nodes aux) {
                      aux.enrs().forEach(table::add);
                    }
                  }
                } catch (MalformedMessageException e) {
                  table.remove(registrar);
                }
              })
          .exceptionally(
              e -> {
                table.remove(registrar);
                return null;
              });
    }
  }

  static NodeRecord newer(NodeRecord a, NodeRecord b) {
    return b.getSeq().compareTo(a.getSeq()) > 0 ? b : a;
  }
}
