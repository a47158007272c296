package io.waypost.core.discovery.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.tuweni.bytes.Bytes;

/**
 * The simulated internet between the nodes: WAN latencies between five regions plus each node's
 * last mile, ±10 % jitter, independent datagram loss, and the requester's timeout.
 */
final class SimNetwork {

  /** One-way latency between regions, ms (roughly EU, US-East, US-West, Asia, South America). */
  private static final int[][] REGION_MILLIS = {
    {8, 40, 70, 110, 95},
    {40, 8, 32, 90, 60},
    {70, 32, 8, 60, 85},
    {110, 90, 60, 15, 150},
    {95, 60, 85, 150, 12}
  };

  static final int REGIONS = REGION_MILLIS.length;

  /** Watches every TALKREQ delivered (for registrar-load figures); the default watches nothing. */
  interface Observer {
    void request(SimNode from, SimNode to, Bytes protocol, Bytes request);
  }

  private final VirtualTime time;
  private final Random random;
  private final double loss;
  private final long timeoutMillis;
  private final Map<Bytes, SimNode> byId = new HashMap<>();
  private final List<SimNode> nodes = new ArrayList<>();
  private Observer observer = (from, to, protocol, request) -> {};

  SimNetwork(VirtualTime time, Random random, double loss, long timeoutMillis) {
    this.time = time;
    this.random = random;
    this.loss = loss;
    this.timeoutMillis = timeoutMillis;
  }

  void add(SimNode node) {
    nodes.add(node);
    byId.put(node.nodeId(), node);
  }

  SimNode node(Bytes id) {
    return byId.get(id);
  }

  List<SimNode> nodes() {
    return nodes;
  }

  VirtualTime time() {
    return time;
  }

  long timeoutMillis() {
    return timeoutMillis;
  }

  boolean lost() {
    return loss > 0 && random.nextDouble() < loss;
  }

  long latency(SimNode from, SimNode to) {
    double base = REGION_MILLIS[from.region][to.region] + from.lastMileMillis + to.lastMileMillis;
    return Math.max(1, Math.round(base * (0.9 + 0.2 * random.nextDouble())));
  }

  void observe(Observer observer) {
    this.observer = observer;
  }

  void observe(SimNode from, SimNode to, Bytes protocol, Bytes request) {
    observer.request(from, to, protocol, request);
  }
}
