package io.waypost.core.discovery.topic;

import io.waypost.core.discovery.RequestWindow;
import io.waypost.core.discovery.SearchResult;
import io.waypost.core.discovery.Transport;
import io.waypost.core.model.ServiceId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
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
import org.ethereum.beacon.discovery.schema.NodeRecord;

/**
 * The discoverer (discv5-theory.md, "Lookup Procedure"): builds B(s) from the routing table, then
 * walks it bucket by bucket from far to near, sending TOPICQUERY to up to K_lookup registrars per
 * bucket and adding the auxiliary ENRs it is sent to B(s), until enough distinct advertisers are
 * found or no registrar is left. Up to K_lookup queries are in flight at once, across buckets: an
 * answer (or a timeout) frees a slot for the next registrar in that order, so a dead registrar
 * holds one slot, never the whole walk (see {@link RequestWindow}).
 */
public final class TopicSearch {

  /** Distances offered as "room here" hints in one query. */
  private static final int HINT_DISTANCES = 16;

  /**
   * A search asks at most this many registrars (DISC-NG's MAX_SEARCH_HOPS). It bounds the cost of a
   * search that cannot find what it wants; the walk itself restarts from the farthest bucket as
   * often as answers add registrars it has not asked. An earlier bound of 3 far-to-near passes
   * stopped a searcher that knew one node after ~7 registrars: each answer adds at most 3, so every
   * pass was one wave of them (simulator, bench/discovery.sh's setting: 7 of 10 found).
   */
  static final int MAX_REGISTRARS = 50;

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
    return search(service, wanted, advertiser -> {});
  }

  /**
   * The same, handing each new advertiser to {@code onFound} as soon as an answer brings it (a
   * client may probe the first while the search goes on). Called outside the search's locks, once
   * per advertiser.
   */
  public CompletableFuture<SearchResult> search(
      ServiceId service, int wanted, Consumer<NodeRecord> onFound) {
    long start = clock.millis();
    long sentBefore = transport.requestsSent();
    long receivedBefore = transport.responsesReceived();
    ServiceTable table = new ServiceTable(service, 16);
    knownNodes.get().forEach(table::add);
    Lookup lookup = new Lookup(service, wanted, table, onFound);
    return RequestWindow.run(parameters.kLookup(), lookup)
        .thenApply(
            ignored ->
                new SearchResult(
                    lookup.found(),
                    transport.requestsSent() - sentBefore,
                    transport.responsesReceived() - receivedBefore,
                    Duration.ofMillis(clock.millis() - start)));
  }

  /**
   * One search's state. The cursor walks B(s) from the farthest non-empty bucket to the nearest,
   * taking up to K_lookup registrars from each (chosen at random among those not yet asked) before
   * it moves on; it does not wait for a bucket's answers before moving on. Auxiliary ENRs that land
   * in a bucket already passed are asked in a further pass, until {@value #MAX_REGISTRARS} have
   * been asked.
   */
  private final class Lookup implements RequestWindow.Search {
    final ServiceId service;
    final int target;
    final ServiceTable table;
    final Consumer<NodeRecord> onFound;
    final Map<Bytes, NodeRecord> found = new LinkedHashMap<>();
    final Set<Bytes> queried = new HashSet<>();
    final int perRegistrar;
    int distance;
    int askedHere;

    Lookup(ServiceId service, int target, ServiceTable table, Consumer<NodeRecord> onFound) {
      this.service = service;
      this.target = target;
      this.table = table;
      this.onFound = onFound;
      this.perRegistrar = Math.max(1, target / parameters.minRegistrars());
      this.distance = Math.max(table.farthestNonEmpty(), 1);
    }

    @Override
    public synchronized boolean satisfied() {
      return found.size() >= target;
    }

    @Override
    public synchronized Optional<Supplier<CompletableFuture<?>>> next() {
      return nextRegistrar().map(registrar -> () -> query(registrar));
    }

    private Optional<NodeRecord> nextRegistrar() {
      while (queried.size() < MAX_REGISTRARS) {
        for (; distance >= 1; distance--, askedHere = 0) {
          if (askedHere < parameters.kLookup()) {
            List<NodeRecord> candidates = new ArrayList<>(table.bucket(distance));
            candidates.removeIf(n -> queried.contains(n.getNodeId()));
            if (!candidates.isEmpty()) {
              NodeRecord chosen = candidates.get(random.nextInt(candidates.size()));
              queried.add(chosen.getNodeId());
              askedHere++;
              return Optional.of(chosen);
            }
          }
        }
        // This pass is over. Answers may yet add registrars: the window asks again after each.
        if (!hasUnqueried()) {
          return Optional.empty();
        }
        distance = Math.max(table.farthestNonEmpty(), 1);
        askedHere = 0;
      }
      return Optional.empty();
    }

    private boolean hasUnqueried() {
      for (int d = 256; d >= 1; d--) {
        for (NodeRecord n : table.bucket(d)) {
          if (!queried.contains(n.getNodeId())) {
            return true;
          }
        }
      }
      return false;
    }

    synchronized List<NodeRecord> found() {
      return new ArrayList<>(found.values());
    }

    /** Keeps at most {@code perRegistrar} new advertisers from one registrar's answer. */
    private synchronized List<NodeRecord> take(List<NodeRecord> ads) {
      List<NodeRecord> taken = new ArrayList<>();
      for (NodeRecord ad : ads) {
        if (found.containsKey(ad.getNodeId())) {
          found.merge(ad.getNodeId(), ad, TopicSearch::newer);
        } else if (found.size() < target && taken.size() < perRegistrar) {
          found.put(ad.getNodeId(), ad);
          taken.add(ad);
        }
      }
      return taken;
    }

    private CompletableFuture<Void> query(NodeRecord registrar) {
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
                      take(nodes.enrs()).forEach(onFound);
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
