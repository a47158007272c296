package io.waypost.core.discovery.topic;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts admitted advertisers' IP addresses by prefix and scores how over-represented a new
 * address's prefixes are (discv5-theory.md, "IP Similarity Tree").
 *
 * <p>Score: for each depth d = 1..bits, with n ads in the tree and n_d of them sharing the new
 * address's first d bits, a perfectly balanced tree would hold n / 2^d there; the excess share (n_d
 * - n/2^d) / (n - n/2^d), floored at 0, is averaged over all depths. One address holding every ad
 * scores 1, a balanced spread scores 0. IPv4 and IPv6 use separate trees (32 and 128 bits).
 *
 * <p>Vertices are kept in a map keyed by (depth, prefix) and removed when their count reaches 0, so
 * memory is bounded by the ads held times the depth, never by requests.
 */
final class IpPrefixTree {

  private final Map<Prefix, Integer> counts = new HashMap<>();
  private int v4Total;
  private int v6Total;

  private record Prefix(int depth, boolean v6, java.math.BigInteger bits) {}

  void add(InetAddress ip) {
    update(ip, 1);
  }

  void remove(InetAddress ip) {
    update(ip, -1);
  }

  private void update(InetAddress ip, int delta) {
    byte[] raw = ip.getAddress();
    boolean v6 = raw.length == 16;
    if (v6) {
      v6Total += delta;
    } else {
      v4Total += delta;
    }
    for (int depth = 1; depth <= raw.length * 8; depth++) {
      counts.merge(prefix(raw, depth, v6), delta, (a, b) -> a + b == 0 ? null : a + b);
    }
  }

  double score(InetAddress ip) {
    byte[] raw = ip.getAddress();
    boolean v6 = raw.length == 16;
    int total = v6 ? v6Total : v4Total;
    if (total == 0) {
      return 0;
    }
    int bits = raw.length * 8;
    double sum = 0;
    for (int depth = 1; depth <= bits; depth++) {
      int observed = counts.getOrDefault(prefix(raw, depth, v6), 0);
      double expected = total / Math.pow(2, depth);
      double excess = (observed - expected) / (total - expected);
      sum += Math.max(0, excess);
    }
    return Math.min(1, sum / bits);
  }

  int vertices() {
    return counts.size();
  }

  private static Prefix prefix(byte[] raw, int depth, boolean v6) {
    java.math.BigInteger value = new java.math.BigInteger(1, raw);
    return new Prefix(depth, v6, value.shiftRight(raw.length * 8 - depth));
  }
}
