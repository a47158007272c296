package io.waypost.core.discovery;

import io.waypost.core.discovery.enr.InvalidRecordException;
import io.waypost.core.discovery.enr.NodeRecords;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.ethereum.beacon.discovery.schema.NodeRecord;
import org.ethereum.beacon.discovery.util.Functions;

/** The steps a Kademlia lookup shares, whatever it looks for: whom to ask next, what to keep. */
final class LookupFrontier {

  /** FINDNODE requests in flight at once (discv5's α), see {@link RequestWindow}. */
  static final int ALPHA = 3;

  /** A lookup ends when the K closest nodes seen to its target have all been asked. */
  static final int K = 16;

  private LookupFrontier() {}

  /**
   * The seen node closest to {@code target} not yet asked, among the {@link #K} closest; it is
   * marked asked. Empty when those K have all been asked (the lookup has converged, or waits for
   * answers in flight).
   */
  static Optional<NodeRecord> nextToAsk(
      Collection<NodeRecord> seen, Bytes32 target, Set<Bytes> asked) {
    Optional<NodeRecord> next =
        seen.stream()
            .sorted(Comparator.comparing((NodeRecord n) -> xorDistance(target, n.getNodeId())))
            .limit(K)
            .filter(n -> !asked.contains(n.getNodeId()))
            .findFirst();
    next.ifPresent(n -> asked.add(n.getNodeId()));
    return next;
  }

  /**
   * Kademlia's XOR metric, reading the ids big-endian as discv5 does (its log-distance is the bit
   * length of this). Not the library's {@code Functions.distance}: that reads the XOR
   * little-endian, so it ranks nodes by their last bytes, and a lookup sorted by it did not close
   * in on its target.
   */
  static BigInteger xorDistance(Bytes32 target, Bytes id) {
    return target.xor(id).toUnsignedBigInteger();
  }

  /** FINDNODE distances to ask {@code node} for: where {@code target} sits from it, and beside. */
  static List<Integer> distancesTowards(Bytes32 target, NodeRecord node) {
    int d = Functions.logDistance(target, node.getNodeId());
    List<Integer> around = d >= 256 ? List.of(256, 255, 254) : List.of(d, d + 1, d - 1);
    return around.stream().filter(x -> x >= 1 && x <= 256).toList();
  }

  /** The valid records of an answer; a bad record from a peer is skipped, never kept. */
  static List<NodeRecord> valid(Collection<NodeRecord> records) {
    List<NodeRecord> valid = new ArrayList<>();
    for (NodeRecord record : records) {
      try {
        valid.add(NodeRecords.validate(record));
      } catch (InvalidRecordException e) {
        // skipped
      }
    }
    return valid;
  }
}
