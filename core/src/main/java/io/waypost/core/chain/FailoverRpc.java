package io.waypost.core.chain;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.http.HttpService;

/**
 * JSON-RPC over HTTP to one of several endpoints of the same chain, as public and paid endpoints
 * really behave: one that cannot be reached, times out or fails (5xx) is left for the next; one
 * that answers 429 is waited for when its Retry-After is short, else the next is tried, and when
 * every endpoint limits the rate a {@link RateLimitedException} says how long to wait (the
 * Retry-After, else a backoff doubling from 500 ms to 30 s). The endpoint that answered last is
 * tried first. URLs are only ever shown redacted.
 */
public final class FailoverRpc extends HttpService {

  private static final Logger LOG = LoggerFactory.getLogger(FailoverRpc.class);

  /** A Retry-After up to this long is waited for on the spot, without changing endpoints. */
  static final Duration WAIT_IN_PLACE = Duration.ofSeconds(2);

  static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  /**
   * What the endpoints did, for benchmarks and the UI; {@code staleHeads} counts the times the
   * endpoint in use was found behind another (its head stopped or went backwards) and left.
   */
  public record Counts(
      long requests, long rateLimited, long failovers, long failures, long staleHeads) {}

  private static final java.util.regex.Pattern BLOCK_NUMBER_REQUEST =
      java.util.regex.Pattern.compile("^\\s*\\{.*\"method\"\\s*:\\s*\"eth_blockNumber\"");
  private static final java.util.regex.Pattern HEX_RESULT =
      java.util.regex.Pattern.compile("\"result\"\\s*:\\s*\"0x([0-9a-fA-F]+)\"");

  private final List<RpcEndpoint> endpoints;
  private final OkHttpClient client;
  private final AtomicInteger current = new AtomicInteger();
  private final AtomicInteger consecutiveLimits = new AtomicInteger();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong rateLimited = new AtomicLong();
  private final AtomicLong failovers = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong staleHeads = new AtomicLong();
  private final java.util.concurrent.atomic.AtomicLongArray heads;
  private volatile long headsComparedAt = System.nanoTime();
  private volatile long advancedAt = System.nanoTime();
  private volatile Duration stuckAfter = Duration.ofSeconds(30);

  FailoverRpc(List<RpcEndpoint> endpoints, OkHttpClient client) {
    super(endpoints.get(0).url(), client);
    this.endpoints = List.copyOf(endpoints);
    this.client = client;
    this.heads = new java.util.concurrent.atomic.AtomicLongArray(this.endpoints.size());
    for (int i = 0; i < this.endpoints.size(); i++) {
      heads.set(i, -1);
    }
  }

  /**
   * With several endpoints, how long the head of the one in use may stay where it is before the
   * others are asked for theirs (default 30 s; the devnet's 2 s). Whenever the one in use answers a
   * head below one seen before, they are asked at once: an endpoint whose head stopped or went back
   * while another is ahead is left for that one.
   */
  public void stuckAfter(Duration stuckAfter) {
    this.stuckAfter = stuckAfter;
  }

  public Counts counts() {
    return new Counts(
        requests.get(), rateLimited.get(), failovers.get(), failures.get(), staleHeads.get());
  }

  /**
   * When every endpoint limits the rate, a wait up to this long is made here and the round tried
   * once more; a longer one is left to the caller (the indexer pauses its polling).
   */
  static final Duration WAIT_FOR_ROUND = Duration.ofSeconds(5);

  @Override
  protected InputStream performIO(String request) throws IOException {
    if (endpoints.size() > 1 && BLOCK_NUMBER_REQUEST.matcher(request).find()) {
      return head(request);
    }
    return withRetry(request);
  }

  /**
   * eth_blockNumber, watching for a stale head: the answer of the endpoint in use is compared with
   * its own last one and the heads the others gave; the others are asked when it is behind, or when
   * it has not moved for {@link #stuckAfter}. One that is ahead is used from then on.
   */
  private InputStream head(String request) throws IOException {
    byte[] answer = withRetry(request).readAllBytes();
    int used = current.get();
    long head = headOf(answer);
    if (head < 0) {
      return new ByteArrayInputStream(answer);
    }
    long before = heads.getAndSet(used, head);
    long highestElsewhere = -1;
    for (int i = 0; i < endpoints.size(); i++) {
      if (i != used) {
        highestElsewhere = Math.max(highestElsewhere, heads.get(i));
      }
    }
    long now = System.nanoTime();
    if (head > before) {
      advancedAt = now;
    }
    boolean behind = head < before || head < highestElsewhere;
    boolean stuck =
        now - advancedAt > stuckAfter.toNanos() && now - headsComparedAt > stuckAfter.toNanos();
    if (!behind && !stuck) {
      return new ByteArrayInputStream(answer);
    }
    headsComparedAt = System.nanoTime();
    for (int step = 1; step < endpoints.size(); step++) {
      int other = (used + step) % endpoints.size();
      byte[] theirs;
      try {
        theirs = once(endpoints.get(other), request);
      } catch (IOException e) {
        continue; // down or limiting: the one in use stays
      }
      long theirHead = headOf(theirs);
      heads.set(other, theirHead);
      if (theirHead > head) {
        staleHeads.incrementAndGet();
        LOG.warn(
            "The endpoint {} is behind (head {}, {} has {}); using {} now",
            endpoints.get(used),
            head,
            endpoints.get(other),
            theirHead,
            endpoints.get(other));
        current.set(other);
        advancedAt = System.nanoTime();
        return new ByteArrayInputStream(theirs);
      }
    }
    return new ByteArrayInputStream(answer);
  }

  /** One request to one endpoint, no retry: for comparing heads. */
  private byte[] once(RpcEndpoint endpoint, String request) throws IOException {
    requests.incrementAndGet();
    try (Response response = client.newCall(post(endpoint, request)).execute()) {
      if (!response.isSuccessful() || response.body() == null) {
        throw new IOException("HTTP " + response.code());
      }
      return response.body().bytes();
    }
  }

  private static long headOf(byte[] answer) {
    java.util.regex.Matcher m =
        HEX_RESULT.matcher(new String(answer, java.nio.charset.StandardCharsets.UTF_8));
    return m.find() ? Long.parseLong(m.group(1), 16) : -1;
  }

  private InputStream withRetry(String request) throws IOException {
    try {
      return round(request);
    } catch (RateLimitedException limited) {
      if (limited.retryAfter().compareTo(WAIT_FOR_ROUND) > 0) {
        throw limited;
      }
      sleep(limited.retryAfter());
      return round(request);
    }
  }

  private InputStream round(String request) throws IOException {
    IOException last = null;
    Duration shortestWait = null;
    int start = current.get();
    for (int i = 0; i < endpoints.size(); i++) {
      int index = (start + i) % endpoints.size();
      RpcEndpoint endpoint = endpoints.get(index);
      for (int attempt = 0; attempt < 2; attempt++) {
        requests.incrementAndGet();
        try (Response response = client.newCall(post(endpoint, request)).execute()) {
          if (response.code() == 429) {
            rateLimited.incrementAndGet();
            Optional<Duration> retryAfter = retryAfter(response.header("Retry-After"));
            if (attempt == 0
                && retryAfter.isPresent()
                && retryAfter.get().compareTo(WAIT_IN_PLACE) <= 0) {
              sleep(retryAfter.get());
              continue; // the same endpoint, once, after its own short wait
            }
            Duration wait = retryAfter.orElseGet(this::backoff);
            shortestWait =
                shortestWait == null || wait.compareTo(shortestWait) < 0 ? wait : shortestWait;
            last = new RateLimitedException(endpoint.toString(), wait);
            break;
          }
          if (!response.isSuccessful()) {
            failures.incrementAndGet();
            last =
                new IOException("The endpoint " + endpoint + " answered HTTP " + response.code());
            break;
          }
          byte[] body = response.body() == null ? new byte[0] : response.body().bytes();
          if (index != start) {
            LOG.info("Using the endpoint {} now", endpoint);
          }
          current.set(index);
          consecutiveLimits.set(0);
          return new ByteArrayInputStream(body);
        } catch (IOException e) {
          failures.incrementAndGet();
          last =
              new IOException(
                  "The endpoint " + endpoint + " failed: " + redactedMessage(e, endpoint), e);
          break;
        }
      }
      if (i + 1 < endpoints.size()) {
        failovers.incrementAndGet();
      }
    }
    if (shortestWait != null && last instanceof RateLimitedException) {
      throw new RateLimitedException(describe(), shortestWait);
    }
    throw last;
  }

  private Duration backoff() {
    int n = Math.min(consecutiveLimits.getAndIncrement(), 10);
    Duration wait = FIRST_BACKOFF.multipliedBy(1L << n);
    return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
  }

  /** Retry-After in seconds (an HTTP date is rare from RPC endpoints and read as absent). */
  static Optional<Duration> retryAfter(String header) {
    if (header == null) {
      return Optional.empty();
    }
    try {
      long seconds = Long.parseLong(header.strip());
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Request post(RpcEndpoint endpoint, String body) {
    return new Request.Builder()
        .url(endpoint.url())
        .post(RequestBody.create(body, JSON_MEDIA_TYPE))
        .build();
  }

  private static String redactedMessage(IOException e, RpcEndpoint endpoint) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.replace(endpoint.url(), endpoint.toString());
  }

  private String describe() {
    return endpoints.size() == 1 ? endpoints.get(0).toString() : endpoints.size() + " endpoints";
  }

  private static void sleep(Duration wait) throws IOException {
    try {
      Thread.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while waiting for a rate limit");
    }
  }
}
