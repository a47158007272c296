package io.waypost.core.discovery;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.tuweni.bytes.Bytes;
import org.ethereum.beacon.discovery.DiscoverySystem;
import org.ethereum.beacon.discovery.schema.NodeRecord;

/**
 * The requests Waypost sends through the library, with a timeout each and a count of requests sent,
 * so that benchmarks compare search methods by the messages they really cost.
 */
public final class Messenger {

  private final DiscoverySystem system;
  private final Duration timeout;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong received = new AtomicLong();

  /** Teku's responder splits a FINDNODE answer into NODES messages of at most 4 records. */
  static final int RECORDS_PER_NODES_MESSAGE = 4;

  public Messenger(DiscoverySystem system, Duration timeout) {
    this.system = system;
    this.timeout = timeout;
  }

  public CompletableFuture<Bytes> talk(NodeRecord to, Bytes protocol, Bytes request) {
    sent.incrementAndGet();
    return system
        .talk(to, protocol, request)
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((r, e) -> received.addAndGet(e == null ? 1 : 0));
  }

  public CompletableFuture<Collection<NodeRecord>> findNodes(NodeRecord to, List<Integer> d) {
    sent.incrementAndGet();
    return system
        .findNodes(to, d)
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete(
            (nodes, e) -> {
              if (e == null) {
                int n = nodes.size();
                received.addAndGet(
                    Math.max(1, (n + RECORDS_PER_NODES_MESSAGE - 1) / RECORDS_PER_NODES_MESSAGE));
              }
            });
  }

  public CompletableFuture<Void> ping(NodeRecord to) {
    sent.incrementAndGet();
    return system
        .ping(to)
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((r, e) -> received.addAndGet(e == null ? 1 : 0));
  }

  /**
   * Response messages received so far: one TALKRESP per answered TALKREQ, one NODES message per 4
   * records (at least one) per answered FINDNODE, one PONG per answered PING.
   */
  public long responsesReceived() {
    return received.get();
  }

  /** Requests sent so far (each answered by one or more responses, or timed out). */
  public long requestsSent() {
    return sent.get();
  }
}
