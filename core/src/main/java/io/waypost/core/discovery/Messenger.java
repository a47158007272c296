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
 * The requests Waypost sends through Teku's library, with a timeout each and a count of requests
 * sent, so that benchmarks compare search methods by the messages they really cost.
 */
public final class Messenger implements Transport {

  private final DiscoverySystem system;
  private final Duration timeout;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong received = new AtomicLong();

  public Messenger(DiscoverySystem system, Duration timeout) {
    this.system = system;
    this.timeout = timeout;
  }

  @Override
  public CompletableFuture<Bytes> talk(NodeRecord to, Bytes protocol, Bytes request) {
    sent.incrementAndGet();
    return system
        .talk(to, protocol, request)
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((r, e) -> received.addAndGet(e == null ? 1 : 0));
  }

  @Override
  public CompletableFuture<Collection<NodeRecord>> findNodes(NodeRecord to, List<Integer> d) {
    sent.incrementAndGet();
    return system
        .findNodes(to, d)
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete(
            (nodes, e) -> {
              if (e == null) {
                received.addAndGet(Transport.nodesMessages(nodes.size()));
              }
            });
  }

  @Override
  public CompletableFuture<Void> ping(NodeRecord to) {
    sent.incrementAndGet();
    return system
        .ping(to)
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((r, e) -> received.addAndGet(e == null ? 1 : 0));
  }

  @Override
  public long responsesReceived() {
    return received.get();
  }

  @Override
  public long requestsSent() {
    return sent.get();
  }
}
