package io.waypost.core.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small HTTP proxy in front of anvil, on a free loopback port, behaving as public and paid
 * endpoints do: it can be stopped and started again on the same port (an outage), cap eth_getLogs
 * ranges, answer 429 (with or without Retry-After), hang past a client's timeout and serve a stale
 * head. It counts the requests it got per JSON-RPC method and per fault.
 */
public final class RpcProxy implements AutoCloseable {

  private static final Pattern METHOD = Pattern.compile("\"method\"\\s*:\\s*\"([^\"]+)\"");

  private final URI upstream;
  private final int port;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
  private ExecutorService executor;
  private volatile Faults faults = Faults.NONE;
  private final AtomicLong served = new AtomicLong();

  /**
   * What the proxy does wrong: caps eth_getLogs at {@code maxLogBlocks} blocks (0: no cap); answers
   * every {@code rateLimitEvery}-th request with 429 (0: never), every other such time with a
   * Retry-After of {@code retryAfterSeconds}; hangs for {@code hangMillis} on every {@code
   * hangEvery}-th request (0: never).
   */
  public record Faults(
      long maxLogBlocks,
      int rateLimitEvery,
      int retryAfterSeconds,
      int hangEvery,
      long hangMillis) {
    public static final Faults NONE = new Faults(0, 0, 0, 0, 0);
  }

  public void faults(Faults faults) {
    this.faults = faults;
  }

  private volatile long frozenHead = -1;

  /**
   * A stale head: from now on eth_blockNumber answers {@code block} (the head as it is: the head
   * stops; lower: it goes back), as a lagging replica behind a load balancer does; -1 undoes it.
   */
  public void freezeHead(long block) {
    this.frozenHead = block;
  }

  private HttpServer server;

  public RpcProxy(String upstreamUrl) throws IOException {
    this.upstream = URI.create(upstreamUrl);
    start(0);
    this.port = server.getAddress().getPort();
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Requests forwarded, per JSON-RPC method (a batch counts under "batch"). */
  public Map<String, Long> counts() {
    Map<String, Long> out = new java.util.TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /** Stops answering: connections to its port are refused, as when an endpoint is down. */
  public synchronized void stop() {
    if (server != null) {
      server.stop(0);
      server = null;
      executor.shutdownNow();
    }
  }

  /** Answers again, on the same port. */
  public synchronized void restart() throws IOException {
    if (server == null) {
      start(port);
    }
  }

  private void start(int onPort) throws IOException {
    executor = Executors.newVirtualThreadPerTaskExecutor();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
    server.createContext("/", this::forward);
    server.setExecutor(executor);
    server.start();
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
      Matcher method = METHOD.matcher(text);
      String name =
          text.stripLeading().startsWith("[") ? "batch" : method.find() ? method.group(1) : "?";
      count(name);
      long n = served.incrementAndGet();
      Faults f = faults;
      long frozen = frozenHead;
      if (frozen >= 0 && name.equals("eth_blockNumber")) {
        count("fault: stale head");
        answer(exchange, text, "\"result\":\"0x" + Long.toHexString(frozen) + "\"");
        return;
      }
      if (f.rateLimitEvery() > 0 && n % f.rateLimitEvery() == 0) {
        boolean withRetryAfter = (n / f.rateLimitEvery()) % 2 == 0;
        count(withRetryAfter ? "fault: 429 with Retry-After" : "fault: 429 without Retry-After");
        if (withRetryAfter) {
          exchange.getResponseHeaders().add("Retry-After", Integer.toString(f.retryAfterSeconds()));
        }
        exchange.sendResponseHeaders(429, -1);
        return;
      }
      if (f.hangEvery() > 0 && n % f.hangEvery() == 0) {
        count("fault: hung");
        try {
          Thread.sleep(f.hangMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        exchange.sendResponseHeaders(504, -1);
        return;
      }
      if (f.maxLogBlocks() > 0 && name.equals("eth_getLogs") && range(text) > f.maxLogBlocks()) {
        count("fault: range refused");
        answer(
            exchange,
            text,
            "\"error\":{\"code\":-32005,\"message\":\"block range is too large: at most "
                + f.maxLogBlocks()
                + " blocks\"}");
        return;
      }
      HttpResponse<byte[]> answer;
      try {
        answer =
            client.send(
                HttpRequest.newBuilder(upstream)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exchange.sendResponseHeaders(502, -1);
        return;
      } catch (IOException e) {
        exchange.sendResponseHeaders(502, -1);
        return;
      }
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer.body());
      }
    }
  }

  /** Answers the request itself: a JSON-RPC response with the request's id and {@code member}. */
  private static void answer(HttpExchange exchange, String request, String member)
      throws IOException {
    byte[] body =
        ("{\"jsonrpc\":\"2.0\",\"id\":" + id(request) + "," + member + "}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private void count(String name) {
    counts.computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet();
  }

  private static final Pattern FROM = Pattern.compile("\"fromBlock\"\\s*:\\s*\"(0x[0-9a-fA-F]+)\"");
  private static final Pattern TO = Pattern.compile("\"toBlock\"\\s*:\\s*\"(0x[0-9a-fA-F]+)\"");
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

  /** Blocks an eth_getLogs request spans (0 when it does not say). */
  private static long range(String request) {
    Matcher from = FROM.matcher(request);
    Matcher to = TO.matcher(request);
    if (!from.find() || !to.find()) {
      return 0;
    }
    return Long.decode(to.group(1)) - Long.decode(from.group(1)) + 1;
  }

  private static String id(String request) {
    Matcher id = ID.matcher(request);
    return id.find() ? id.group(1) : "0";
  }

  @Override
  public void close() {
    stop();
    client.close();
  }
}
