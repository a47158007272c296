package io.waypost.core.discovery;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.apache.tuweni.bytes.Bytes;
import org.ethereum.beacon.discovery.DiscoverySystem;
import org.ethereum.beacon.discovery.schema.NodeRecord;

/**
 * The requests Waypost sends through Teku's library, with a timeout each and a count of requests
 * sent, so that benchmarks compare search methods by the messages they really cost.
 *
 * <p>A request that times out is sent once more, after a pause (see {@link #pauseBeforeRetry}). The
 * reason is a race in the discv5 handshake: when two nodes that have no session open one to each
 * other at the same instant, each ends up holding the keys of the other's handshake, and the
 * answers encrypted with the first keys cannot be read, so both requests time out ({@code
 * CrossedHandshakeTest} shows it on loopback, for about one request in ten). The second attempt
 * cannot be decrypted either, which makes the other side challenge it and a fresh handshake
 * follows; the random pause keeps two nodes that crossed once from crossing again. Lighthouse's
 * discv5 retries each request once by default for the same reasons (this and lost datagrams). Each
 * attempt is counted as a request sent; a node that never answers costs two timeouts and the pause.
 */
public final class Messenger implements Transport {

  private final DiscoverySystem system;
  private final Duration timeout;
  private final ScheduledExecutorService scheduler;
  private final RandomGenerator random;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong retried = new AtomicLong();

  public Messenger(
      DiscoverySystem system,
      Duration timeout,
      ScheduledExecutorService scheduler,
      RandomGenerator random) {
    this.system = system;
    this.timeout = timeout;
    this.scheduler = scheduler;
    this.random = random;
  }

  @Override
  public CompletableFuture<Bytes> talk(NodeRecord to, Bytes protocol, Bytes request) {
    return withOneRetry(to, () -> system.talk(to, protocol, request))
        .whenComplete((r, e) -> received.addAndGet(e == null ? 1 : 0));
  }

  @Override
  public CompletableFuture<Collection<NodeRecord>> findNodes(NodeRecord to, List<Integer> d) {
    return withOneRetry(to, () -> system.findNodes(to, d))
        .whenComplete(
            (nodes, e) -> {
              if (e == null) {
                received.addAndGet(Transport.nodesMessages(nodes.size()));
              }
            });
  }

  @Override
  public CompletableFuture<Void> ping(NodeRecord to) {
    return withOneRetry(to, () -> system.ping(to))
        .whenComplete((r, e) -> received.addAndGet(e == null ? 1 : 0));
  }

  private <T> CompletableFuture<T> withOneRetry(
      NodeRecord to, Supplier<CompletableFuture<T>> request) {
    CompletableFuture<T> result = new CompletableFuture<>();
    attempt(request)
        .whenComplete(
            (value, error) -> {
              if (error == null) {
                result.complete(value);
              } else if (unwrap(error) instanceof TimeoutException) {
                retried.incrementAndGet();
                long pauseMillis = pauseBeforeRetry(to);
                try {
                  scheduler.schedule(
                      () -> attempt(request).whenComplete((v, e) -> complete(result, v, e)),
                      pauseMillis,
                      TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException stopping) {
                  // The node is closing: no second attempt, the first one's timeout stands.
                  result.completeExceptionally(error);
                }
              } else {
                result.completeExceptionally(error);
              }
            });
    return result;
  }

  /**
   * Of two nodes whose handshakes crossed, the one with the lower node id tries again first, within
   * an eighth of the timeout; the other waits half the timeout more, by when the first one's fresh
   * handshake has given both the same keys. Random pauses alone let them cross again too often.
   */
  private long pauseBeforeRetry(NodeRecord to) {
    long eighth = timeout.toMillis() / 8;
    boolean first = system.getLocalNodeRecord().getNodeId().compareTo(to.getNodeId()) < 0;
    return (first ? 0 : timeout.toMillis() / 2) + random.nextLong(eighth + 1);
  }

  private <T> CompletableFuture<T> attempt(Supplier<CompletableFuture<T>> request) {
    sent.incrementAndGet();
    return request.get().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static <T> void complete(CompletableFuture<T> result, T value, Throwable error) {
    if (error == null) {
      result.complete(value);
    } else {
      result.completeExceptionally(error);
    }
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null
        ? error.getCause()
        : error;
  }

  @Override
  public long responsesReceived() {
    return received.get();
  }

  @Override
  public long requestsSent() {
    return sent.get();
  }

  /** Requests sent a second time after their first attempt timed out. */
  public long requestsRetried() {
    return retried.get();
  }
}
