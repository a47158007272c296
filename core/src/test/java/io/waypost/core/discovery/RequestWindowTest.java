package io.waypost.core.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The window's rules, with requests whose answers the test gives by hand. */
class RequestWindowTest {

  /** A search of {@code total} requests; each is answered when the test completes its future. */
  private static final class Requests implements RequestWindow.Search {
    final List<CompletableFuture<Void>> sent = new ArrayList<>();
    final int total;
    int answered;
    int wanted = Integer.MAX_VALUE;
    int inFlight;
    int mostInFlight;

    Requests(int total) {
      this.total = total;
    }

    @Override
    public synchronized Optional<Supplier<CompletableFuture<?>>> next() {
      if (sent.size() >= total) {
        return Optional.empty();
      }
      CompletableFuture<Void> request = new CompletableFuture<>();
      sent.add(request);
      return Optional.of(
          () -> {
            synchronized (this) {
              inFlight++;
              mostInFlight = Math.max(mostInFlight, inFlight);
            }
            return request.whenComplete(
                (ok, error) -> {
                  synchronized (this) {
                    inFlight--;
                    if (error == null) {
                      answered++;
                    }
                  }
                });
          });
    }

    @Override
    public synchronized boolean satisfied() {
      return answered >= wanted;
    }
  }

  @Test
  void keepsAlphaInFlightAndAsksTheNextAsSoonAsOneEnds() {
    Requests search = new Requests(10);
    CompletableFuture<Void> ended = RequestWindow.run(3, search);
    assertEquals(3, search.sent.size(), "α requests at once");
    // The first request hangs (a dead peer); the others are answered one by one.
    for (int i = 1; i < 9; i++) {
      search.sent.get(i).complete(null);
      assertEquals(Math.min(10, i + 3), search.sent.size(), "a freed slot is used at once");
    }
    assertEquals(3, search.mostInFlight, "never more than α");
    search.sent.get(9).complete(null);
    assertFalse(ended.isDone(), "the hanging request is still in flight");
    search.sent.get(0).completeExceptionally(new java.util.concurrent.TimeoutException());
    assertTrue(ended.isDone(), "nothing left to ask and nothing in flight");
  }

  @Test
  void endsAtOnceWhenSatisfiedWithoutWaitingForRequestsInFlight() {
    Requests search = new Requests(10);
    search.wanted = 2;
    CompletableFuture<Void> ended = RequestWindow.run(3, search);
    search.sent.get(1).complete(null);
    assertFalse(ended.isDone());
    search.sent.get(2).complete(null);
    assertTrue(ended.isDone(), "two answers were wanted; the first request still hangs");
    assertEquals(4, search.sent.size(), "and nothing more was asked");
  }

  @Test
  void aSearchWithNothingToAskEndsAtOnce() {
    assertTrue(RequestWindow.run(3, new Requests(0)).isDone());
  }

  @Test
  void aRequestThatThrowsFreesItsSlot() {
    RequestWindow.Search throwing =
        new RequestWindow.Search() {
          int asked;

          @Override
          public Optional<Supplier<CompletableFuture<?>>> next() {
            if (asked++ >= 5) {
              return Optional.empty();
            }
            return Optional.of(
                () -> {
                  throw new IllegalStateException("no address");
                });
          }

          @Override
          public boolean satisfied() {
            return false;
          }
        };
    assertTrue(RequestWindow.run(2, throwing).isDone());
  }

  @Test
  void alphaBelowOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> RequestWindow.run(0, new Requests(1)));
  }
}
