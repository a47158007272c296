package io.waypost.core.chain;

import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import okhttp3.OkHttpClient;
import org.web3j.protocol.Web3j;
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

  /** Whether the endpoint is reached over TLS (https or wss). */
  public boolean isTls() {
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    return scheme.equals("https") || scheme.equals("wss");
  }

  public boolean isWebSocket() {
    return uri.getScheme().toLowerCase(Locale.ROOT).startsWith("ws");
  }

  /** Opens a client; requests time out after {@code timeout} so an outage is noticed quickly. */
  public Web3j connect(Duration timeout) {
    return open(timeout).web3j();
  }

  /**
   * A client and what closing it must release beyond {@link Web3j#shutdown()}; over HTTP, the
   * failover service and its counts.
   */
  public record Client(Web3j web3j, Runnable release, java.util.Optional<FailoverRpc> http)
      implements AutoCloseable {
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
    return open(java.util.List.of(this), timeout);
  }

  /**
   * Opens a client over several endpoints of one chain, the first preferred and the next tried when
   * one fails (see {@link FailoverRpc}). A WebSocket endpoint is used alone.
   */
  public static Client open(java.util.List<RpcEndpoint> endpoints, Duration timeout) {
    RpcEndpoint first = endpoints.get(0);
    try {
      if (first.isWebSocket()) {
        WebSocketService socket = new WebSocketService(first.url(), false);
        socket.connect();
        return new Client(Web3j.build(socket), () -> {}, java.util.Optional.empty());
      }
      OkHttpClient.Builder builder =
          new OkHttpClient.Builder()
              .connectTimeout(timeout)
              .readTimeout(timeout)
              .writeTimeout(timeout)
              .callTimeout(timeout);
      if (endpoints.stream().noneMatch(RpcEndpoint::isTls)) {
        // Plain http only: OkHttp otherwise loads the platform's trust store when the client is
        // built (0.1-0.3 s of CPU in a one-shot command), for TLS that no request here will use.
        builder.connectionSpecs(java.util.List.of(okhttp3.ConnectionSpec.CLEARTEXT));
      }
      OkHttpClient client = builder.build();
      FailoverRpc service =
          new FailoverRpc(endpoints.stream().filter(e -> !e.isWebSocket()).toList(), client);
      return new Client(
          Web3j.build(service),
          () -> {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
          },
          java.util.Optional.of(service));
    } catch (ConnectException e) {
      throw new ChainUnreachableException(first, e);
    }
  }

  /** The full URL, API key included: for connecting and storing, never for showing. */
  public String url() {
    return uri.toString();
  }

  /**
   * The URL with any API key hidden, for logs, errors and the UI: user info, the values of query
   * parameters, and path segments that look like keys (16 or more letters and digits, as Infura,
   * Alchemy and QuickNode put them) are shown as {@code ***}.
   */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(uri.getScheme()).append("://");
    if (uri.getRawUserInfo() != null) {
      out.append("***@");
    }
    out.append(uri.getHost());
    if (uri.getPort() != -1) {
      out.append(':').append(uri.getPort());
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty()) {
        continue;
      }
      out.append('/').append(KEY_LIKE.matcher(segment).matches() ? "***" : segment);
    }
    if (path.endsWith("/")) {
      out.append('/');
    }
    if (uri.getRawQuery() != null) {
      out.append('?')
          .append(
              String.join(
                  "&",
                  java.util.Arrays.stream(uri.getRawQuery().split("&"))
                      .map(p -> p.contains("=") ? p.substring(0, p.indexOf('=')) + "=***" : "***")
                      .toList()));
    }
    return out.toString();
  }

  private static final java.util.regex.Pattern KEY_LIKE =
      java.util.regex.Pattern.compile("(?=.*[0-9])[A-Za-z0-9_-]{16,}");
}
