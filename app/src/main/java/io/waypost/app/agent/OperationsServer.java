package io.waypost.app.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The agent's operations port: {@code GET /metrics} in Prometheus' text format, {@code GET /health}
 * answering 200 when the agent is ready (joined and advertising) and 503 before, each with a
 * one-line JSON body saying why. Bound to loopback unless told otherwise.
 */
public final class OperationsServer implements AutoCloseable {

  /** What /health reports: ready or not, and the facts behind it. */
  public record Health(boolean ready, String json) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  private OperationsServer(HttpServer server) {
    this.server = server;
  }

  /**
   * Starts serving on {@code host:port} (port 0: any free port).
   *
   * @throws IOException when the port cannot be bound
   */
  public static OperationsServer start(
      String host, int port, PrometheusRegistry registry, Supplier<Health> health)
      throws IOException {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), port), 16);
    } catch (IOException e) {
      throw new IOException(
          "cannot serve metrics on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    server.createContext(
        "/metrics",
        exchange -> {
          ByteArrayOutputStream body = new ByteArrayOutputStream();
          writer.write(body, registry.scrape());
          send(exchange, 200, writer.getContentType(), body.toByteArray());
        });
    server.createContext(
        "/health",
        exchange -> {
          Health now = health.get();
          send(
              exchange,
              now.ready() ? 200 : 503,
              "application/json",
              (now.json() + "\n").getBytes(StandardCharsets.UTF_8));
        });
    OperationsServer operations = new OperationsServer(server);
    server.setExecutor(operations.executor);
    server.start();
    return operations;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET")
          && !exchange.getRequestMethod().equals("HEAD")) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
