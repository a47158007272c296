package io.waypost.core.discovery.sim;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The DHT below TopDisc, modelled: every node's routing table holds, per log distance d, up to
 * {@code k} nodes drawn at random among all nodes at distance d (a converged Kademlia table). The
 * nodes at distance d from x are those sharing x's first 256 − d bits and differing at the next, a
 * contiguous range of the sorted ids, so a table costs one binary search per bucket.
 */
final class KademliaModel {

  private final SimNode[] sorted;
  private final BigInteger[] ids;

  KademliaModel(List<SimNode> nodes) {
    sorted = nodes.toArray(SimNode[]::new);
    Arrays.sort(sorted, Comparator.comparing(SimNode::idNumber));
    ids = Arrays.stream(sorted).map(SimNode::idNumber).toArray(BigInteger[]::new);
  }

  /** A converged table for {@code self}: up to {@code k} random nodes per non-empty bucket. */
  List<SimNode> table(SimNode self, int k, Random random) {
    List<SimNode> table = new ArrayList<>();
    BigInteger x = self.idNumber();
    for (int d = 256; d >= 1; d--) {
      int prefixBits = 257 - d;
      if (prefixBits > 64) {
        break; // no two of fewer than 2^40 random ids share 64 leading bits, in practice
      }
      BigInteger prefix = x.shiftRight(256 - prefixBits).flipBit(0);
      int from = lowerBound(prefix.shiftLeft(256 - prefixBits));
      int to = lowerBound(prefix.add(BigInteger.ONE).shiftLeft(256 - prefixBits));
      int size = to - from;
      if (size <= k) {
        for (int i = from; i < to; i++) {
          table.add(sorted[i]);
        }
      } else {
        // k distinct indices in [from, to): Floyd's sampling.
        java.util.Set<Integer> picked = new java.util.LinkedHashSet<>();
        for (int j = size - k; j < size; j++) {
          int t = random.nextInt(j + 1);
          picked.add(picked.contains(t) ? j : t);
        }
        picked.forEach(i -> table.add(sorted[from + i]));
      }
    }
    return table;
  }

  /** The index of the first sorted id not below {@code value}. */
  private int lowerBound(BigInteger value) {
    int lo = 0;
    int hi = ids.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ids[mid].compareTo(value) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
