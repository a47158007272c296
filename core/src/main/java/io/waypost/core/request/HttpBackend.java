package io.waypost.core.request;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.tuweni.bytes.Bytes;

/**
 * The service behind the agent, reached over HTTP: each authenticated, decrypted request is POSTed
 * as is ({@code Content-Type: application/octet-stream}) to the operator's URL, and the response
 * body, read as it arrives, is the answer the node seals and streams back. A status other than 2xx
 * is a refusal naming the status.
 */
public final class HttpBackend implements AnswerSource, AutoCloseable {

  private final URI endpoint;
  private final Duration timeout;
  private final HttpClient client;

  /**
   * @param timeout how long the backend may take to start answering (its status and headers)
   * @throws IllegalArgumentException for anything but an absolute http:// or https:// URL
   */
  public HttpBackend(URI endpoint, Duration connectTimeout, Duration timeout) {
    String scheme = endpoint.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || endpoint.getHost() == null) {
      throw new IllegalArgumentException(
          "the backend must be an http:// or https:// URL with a host, e.g."
              + " http://127.0.0.1:8080/query; got "
              + endpoint);
    }
    this.endpoint = endpoint;
    this.timeout = timeout;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Parses the operator's {@code --backend} text; see the constructor for what is refused. */
  public static HttpBackend of(String url) {
    URI uri;
    try {
      uri = URI.create(url.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the backend URL is not a URL: " + url, e);
    }
    return new HttpBackend(uri, Duration.ofSeconds(5), Duration.ofSeconds(30));
  }

  public URI endpoint() {
    return endpoint;
  }

  @Override
  public InputStream answer(Bytes request) throws IOException, InterruptedException {
    HttpRequest post =
        HttpRequest.newBuilder(endpoint)
            .timeout(timeout)
            .header("Content-Type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofByteArray(request.toArrayUnsafe()))
            .build();
    HttpResponse<InputStream> response;
    try {
      response = client.send(post, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new IOException(
          "the backend at " + endpoint + " cannot be reached (" + describe(e) + ")", e);
    }
    int status = response.statusCode();
    if (status / 100 != 2) {
      String body;
      try (InputStream in = response.body()) {
        body = new String(in.readNBytes(200), StandardCharsets.UTF_8).strip();
      }
      throw new IOException(
          "the backend answered HTTP " + status + (body.isEmpty() ? "" : " (" + body + ")"));
    }
    return response.body();
  }

  private static String describe(IOException e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  @Override
  public void close() {
    client.close();
  }
}
