package io.waypost.core.request;

import io.waypost.core.discovery.DiscoveryNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.tuweni.bytes.Bytes;
import org.web3j.crypto.ECKeyPair;

/** Puts a {@link RequestServer} on a discovery node, under TALKREQ protocol {@code wp-req/1}. */
public final class RequestEndpoint {

  /** How far a request's clock may be off, and how many answered requests are remembered. */
  public static final Duration WINDOW = Duration.ofSeconds(60);

  public static final int REMEMBERED = 100_000;

  private RequestEndpoint() {}

  public static RequestServer install(
      DiscoveryNode node, ECKeyPair nodeKey, RequestHandler handler, Clock clock) {
    RequestServer server =
        new RequestServer(nodeKey, handler, clock, WINDOW, REMEMBERED, new SecureRandom());
    node.registerTalkProtocol(
        RequestServer.PROTOCOL,
        (source, request) -> CompletableFuture.completedFuture(server.answer(request)));
    return server;
  }

  /**
   * The agent's default service: answers any request with the node's clock and the request's
   * length, so that a client can test the encrypted path end to end without a mail server.
   */
  public static RequestHandler clockAnswer(Clock clock) {
    return request ->
        Bytes.wrap(
            ("waypost-agent time=" + clock.millis() + " request-bytes=" + request.size())
                .getBytes(StandardCharsets.UTF_8));
  }
}
