package io.waypost.core.chain;

import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import okhttp3.OkHttpClient;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.http.HttpService;
import org.web3j.protocol.websocket.WebSocketService;

/** A validated JSON-RPC endpoint URL: http(s) or ws(s), with a host. */
public record RpcEndpoint(URI uri) {

  public RpcEndpoint {
    Objects.requireNonNull(uri, "uri");
  }

  /** Parses and validates an endpoint; the message of a refusal says what is wrong with it. */
  public static RpcEndpoint parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("The RPC URL is empty");
    }
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "The RPC URL '" + text + "' is malformed: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http")
        && !scheme.equals("https")
        && !scheme.equals("ws")
        && !scheme.equals("wss")) {
      throw new IllegalArgumentException(
          "The RPC URL '"
              + text
              + "' must start with http://, https://, ws:// or wss://"
              + (scheme.isEmpty() ? "" : " (not " + scheme + "://)"));
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw new IllegalArgumentException("The RPC URL '" + text + "' has no host");
    }
    if (uri.getPort() == 0 || uri.getPort() > 65535) {
      throw new IllegalArgumentException(
          "The RPC URL '" + text + "' has an invalid port " + uri.getPort());
    }
    return new RpcEndpoint(uri);
  }

  public boolean isWebSocket() {
    return uri.getScheme().toLowerCase(Locale.ROOT).startsWith("ws");
  }

  /** Opens a client; requests time out after {@code timeout} so an outage is noticed quickly. */
  public Web3j connect(Duration timeout) {
    return open(timeout).web3j();
  }

  /** A client and what closing it must release beyond {@link Web3j#shutdown()}. */
  public record Client(Web3j web3j, Runnable release) implements AutoCloseable {
    @Override
    public void close() {
      web3j.shutdown();
      release.run();
    }
  }

  /**
   * Opens a client that {@link Client#close()} releases whole: web3j's shutdown leaves OkHttp's
   * pooled connections and their threads for another minute.
   */
  public Client open(Duration timeout) {
    try {
      Web3jService service;
      Runnable release = () -> {};
      if (isWebSocket()) {
        WebSocketService socket = new WebSocketService(uri.toString(), false);
        socket.connect();
        service = socket;
      } else {
        OkHttpClient client =
            new OkHttpClient.Builder()
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .callTimeout(timeout)
                .build();
        service = new HttpService(uri.toString(), client);
        release =
            () -> {
              client.dispatcher().executorService().shutdown();
              client.connectionPool().evictAll();
            };
      }
      return new Client(Web3j.build(service), release);
    } catch (ConnectException e) {
      throw new ChainUnreachableException(this, e);
    }
  }

  @Override
  public String toString() {
    return uri.toString();
  }
}
