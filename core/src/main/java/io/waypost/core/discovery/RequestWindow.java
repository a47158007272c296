package io.waypost.core.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Kademlia's α-concurrency for the searches: up to α requests in flight, and each time one ends
 * (answered, failed or timed out) the search is asked at once for its next request. A dead or slow
 * peer holds one slot until its timeout; the other slots go on, so a search never waits for its
 * slowest request before asking the next peer.
 *
 * <p>The search decides what to ask from what it has learnt so far: {@link Search#next()} is asked
 * whenever a slot is free, including after each answer, so an answer's new peers are candidates for
 * the very next request. The window ends when the search says it is {@linkplain Search#satisfied()
 * satisfied} (without waiting for the requests still in flight: their late answers change nothing
 * the search reports), or when nothing is in flight and the search has nothing left to ask.
 */
public final class RequestWindow {

  /** The search driven through the window. Called under the window's lock, one call at a time. */
  public interface Search {
    /**
     * The next request to send, or empty when there is nothing to ask now (more may come once an
     * answer in flight arrives). Sending happens outside the window's lock.
     */
    Optional<Supplier<CompletableFuture<?>>> next();

    /** True once the search has what it came for: the window ends at once. */
    boolean satisfied();
  }

  private final int alpha;
  private final Search search;
  private final CompletableFuture<Void> ended = new CompletableFuture<>();
  private int inFlight;

  private RequestWindow(int alpha, Search search) {
    if (alpha < 1) {
      throw new IllegalArgumentException("alpha must be at least 1, not " + alpha);
    }
    this.alpha = alpha;
    this.search = search;
  }

  /** Runs {@code search} with up to {@code alpha} requests in flight; completes when it ends. */
  public static CompletableFuture<Void> run(int alpha, Search search) {
    RequestWindow window = new RequestWindow(alpha, search);
    window.fill();
    return window.ended;
  }

  private void fill() {
    List<Supplier<CompletableFuture<?>>> toSend = new ArrayList<>();
    synchronized (this) {
      if (ended.isDone()) {
        return;
      }
      if (search.satisfied()) {
        ended.complete(null);
        return;
      }
      while (inFlight < alpha) {
        Optional<Supplier<CompletableFuture<?>>> request = search.next();
        if (request.isEmpty()) {
          break;
        }
        inFlight++;
        toSend.add(request.get());
      }
      if (inFlight == 0) {
        ended.complete(null); // nothing in flight and nothing to ask: no answer can add more
        return;
      }
    }
    toSend.forEach(this::send);
  }

  private void send(Supplier<CompletableFuture<?>> request) {
    CompletableFuture<?> sent;
    try {
      sent = request.get();
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    sent.whenComplete(
        (answer, error) -> {
          synchronized (this) {
            inFlight--;
          }
          fill();
        });
  }
}
