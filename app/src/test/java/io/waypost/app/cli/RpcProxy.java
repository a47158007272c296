package io.waypost.app.cli;

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
 * A small HTTP proxy in front of anvil, on a free loopback port, that can be stopped and started
 * again on the same port (an RPC outage) and counts the requests it forwarded per JSON-RPC method.
 */
public final class RpcProxy implements AutoCloseable {

  private static final Pattern METHOD = Pattern.compile("\"method\"\\s*:\\s*\"([^\"]+)\"");

  private final URI upstream;
  private final int port;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
  private ExecutorService executor;
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
      counts.computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet();
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

  @Override
  public void close() {
    stop();
    client.close();
  }
}
