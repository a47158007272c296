package io.waypost.core.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two nodes without a session that send each other a request at the same instant: both handshakes
 * cross, and without a second attempt about one request in ten is never answered.
 */
@Timeout(180)
class CrossedHandshakeTest {

  @Test
  void requestsCrossingInBothDirectionsAreAnswered() {
    List<DiscoveryNode> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < 12; i++) {
        DiscoveryNode node = node();
        nodes.add(node);
        node.start().join();
      }
      List<String> unanswered = new ArrayList<>();
      int requests = 0;
      for (int i = 0; i < nodes.size(); i++) {
        for (int j = i + 1; j < nodes.size(); j++) {
          DiscoveryNode a = nodes.get(i);
          DiscoveryNode b = nodes.get(j);
          // Neither knows the other yet: each probe opens a session, and they cross.
          CompletableFuture<?> ab = a.probe(b.localRecord());
          CompletableFuture<?> ba = b.probe(a.localRecord());
          for (CompletableFuture<?> answer : List.of(ab, ba)) {
            requests++;
            try {
              answer.join();
            } catch (RuntimeException e) {
              unanswered.add(i + "↔" + j + ": " + e.getCause());
            }
          }
        }
      }
      long retried = nodes.stream().mapToLong(DiscoveryNode::requestsRetried).sum();
      System.out.printf(
          "crossed handshakes: %d requests, %d retried, %d unanswered%n",
          requests, retried, unanswered.size());
      assertEquals(List.of(), unanswered, "of " + requests + " requests, " + retried + " retried");
    } finally {
      nodes.parallelStream().forEach(DiscoveryNode::close);
    }
  }

  private static DiscoveryNode node() {
    String host = LocalNetwork.nextAddress();
    return DiscoveryNode.builder()
        .nodeKey(NodeKey.generate(new SecureRandom()))
        .bind(host, LocalNetwork.freeUdpPort(host))
        .requestTimeout(Duration.ofSeconds(2))
        .build();
  }
}
