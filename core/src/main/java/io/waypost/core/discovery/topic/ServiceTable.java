package io.waypost.core.discovery.topic;

import io.waypost.core.model.ServiceId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes;
import org.ethereum.beacon.discovery.schema.NodeRecord;
import org.ethereum.beacon.discovery.util.Functions;

/**
 * B(s): known TopDisc registrars bucketed by log distance to the service id rather than to the
 * local node (discv5-theory.md, "Service Tables"). Bounded: at most {@code bucketSize} per bucket.
 */
final class ServiceTable {

  private final ServiceId service;
  private final int bucketSize;
  private final Map<Integer, List<NodeRecord>> buckets = new HashMap<>();
  private final Map<Bytes, NodeRecord> byId = new HashMap<>();

  ServiceTable(ServiceId service, int bucketSize) {
    this.service = service;
    this.bucketSize = bucketSize;
  }

  synchronized boolean add(NodeRecord record) {
    if (!TopDiscCapability.isRegistrar(record) || byId.containsKey(record.getNodeId())) {
      return false;
    }
    int d = distance(record);
    List<NodeRecord> bucket = buckets.computeIfAbsent(d, k -> new ArrayList<>());
    if (bucket.size() >= bucketSize) {
      return false;
    }
    bucket.add(record);
    byId.put(record.getNodeId(), record);
    return true;
  }

  synchronized void remove(NodeRecord record) {
    if (byId.remove(record.getNodeId()) != null) {
      buckets.get(distance(record)).removeIf(r -> r.getNodeId().equals(record.getNodeId()));
    }
  }

  int distance(NodeRecord record) {
    return Functions.logDistance(service.value(), record.getNodeId());
  }

  synchronized List<NodeRecord> bucket(int distance) {
    return List.copyOf(buckets.getOrDefault(distance, List.of()));
  }

  /**
   * The topic-distance hints for a request: distances whose bucket has room, emptiest first and,
   * among equally empty ones, nearest to the service first (ads concentrate there). Distances more
   * than 3 below the nearest known node are left out: in a network of n nodes nobody is much closer
   * than 256 - log2(n), so hinting them wastes the registrar's one-per-distance answers. A
   * registrar returns at most a few auxiliary ENRs, in this order.
   */
  synchronized List<Integer> hints(int max) {
    int nearest =
        buckets.entrySet().stream()
            .filter(e -> !e.getValue().isEmpty())
            .mapToInt(Map.Entry::getKey)
            .min()
            .orElse(256);
    List<Integer> candidates = new ArrayList<>();
    for (int d = 256; d >= Math.max(1, nearest - 3); d--) {
      if (buckets.getOrDefault(d, List.of()).size() < bucketSize) {
        candidates.add(d);
      }
    }
    candidates.sort(
        java.util.Comparator.comparingInt((Integer d) -> buckets.getOrDefault(d, List.of()).size())
            .thenComparingInt(d -> d));
    return candidates.subList(0, Math.min(max, candidates.size()));
  }

  synchronized int farthestNonEmpty() {
    return buckets.entrySet().stream()
        .filter(e -> !e.getValue().isEmpty())
        .mapToInt(Map.Entry::getKey)
        .max()
        .orElse(0);
  }
}
