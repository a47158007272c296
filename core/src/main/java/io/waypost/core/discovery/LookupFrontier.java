package io.waypost.core.discovery;

import io.waypost.core.discovery.enr.InvalidRecordException;
import io.waypost.core.discovery.enr.NodeRecords;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.ethereum.beacon.discovery.schema.NodeRecord;
import org.ethereum.beacon.discovery.util.Functions;

/** The steps a Kademlia lookup shares, whatever it looks for: whom to ask next, what to keep. */
final class LookupFrontier {

  /** Requests in flight at once. */
  static final int ALPHA = 3;

  /** A lookup ends when the K closest nodes seen to its target have all been asked. */
  static final int K = 16;

  private LookupFrontier() {}

  /**
   * Up to {@link #ALPHA} of the {@link #K} seen nodes closest to {@code target} not yet asked; they
   * are marked asked. Empty when the lookup has converged.
   */
  static List<NodeRecord> nextToAsk(Collection<NodeRecord> seen, Bytes32 target, Set<Bytes> asked) {
    List<NodeRecord> next =
        seen.stream()
            .sorted(
                Comparator.comparing((NodeRecord n) -> Functions.distance(target, n.getNodeId())))
            .limit(K)
            .filter(n -> !asked.contains(n.getNodeId()))
            .limit(ALPHA)
            .toList();
    next.forEach(n -> asked.add(n.getNodeId()));
    return next;
  }

  /** FINDNODE distances to ask {@code node} for: where {@code target} sits from it, and beside. */
  static List<Integer> distancesTowards(Bytes32 target, NodeRecord node) {
    int d = Functions.logDistance(target, node.getNodeId());
    List<Integer> around = d >= 256 ? List.of(256, 255, 254) : List.of(d, d + 1, d - 1);
    return around.stream().filter(x -> x >= 1 && x <= 256).toList();
  }

  /** Passes on every valid record of an answer; a bad record from a peer is skipped, never kept. */
  static void learnValid(Collection<NodeRecord> records, Consumer<NodeRecord> learn) {
    for (NodeRecord record : records) {
      try {
        learn.accept(NodeRecords.validate(record));
      } catch (InvalidRecordException e) {
        // skipped
      }
    }
  }
}
