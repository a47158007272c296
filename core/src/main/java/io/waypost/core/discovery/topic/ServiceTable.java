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

  /** Distances at or below {@code from} whose bucket has room, nearest region first capped. */
  synchronized List<Integer> distancesWithSpace(int from, int max) {
    List<Integer> out = new ArrayList<>();
    for (int d = from; d >= 1 && out.size() < max; d--) {
      if (buckets.getOrDefault(d, List.of()).size() < bucketSize) {
        out.add(d);
      }
    }
    return out;
  }

  synchronized int farthestNonEmpty() {
    return buckets.entrySet().stream()
        .filter(e -> !e.getValue().isEmpty())
        .mapToInt(Map.Entry::getKey)
        .max()
        .orElse(0);
  }
}
