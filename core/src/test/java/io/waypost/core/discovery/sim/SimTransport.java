package io.waypost.core.discovery.sim;

import io.waypost.core.discovery.Transport;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.apache.tuweni.bytes.Bytes;
import org.ethereum.beacon.discovery.schema.NodeRecord;
import org.ethereum.beacon.discovery.util.Functions;

/**
 * One node's requests, delivered on virtual time: a request reaches the target after the one-way
 * latency, the target's production handler answers at once, and the answer travels back; a lost
 * datagram, or a target that is offline or unknown, fails the request when the timeout expires, as
 * {@code Messenger}'s does. Handshakes are not modelled (nor counted by {@code Messenger}).
 */
final class SimTransport implements Transport {

  /** Teku answers FINDNODE with at most this many records. */
  static final int FINDNODE_LIMIT = 16;

  private static final TimeoutException TIMEOUT = new TimeoutException("simulated timeout");

  private final SimNode self;
  private final SimNetwork network;
  private long sent;
  private long received;
  private long rounds;
  private long lastSentAt = -1;

  SimTransport(SimNode self, SimNetwork network) {
    this.self = self;
    this.network = network;
  }

  @Override
  public CompletableFuture<Bytes> talk(NodeRecord to, Bytes protocol, Bytes request) {
    return exchange(
        to,
        target -> {
          network.observe(self, target, protocol, request);
          target.packetSources.received(self.address);
          return target.talk.talk(self.record, protocol, request).join();
        },
        response -> 1);
  }

  @Override
  public CompletableFuture<Collection<NodeRecord>> findNodes(NodeRecord to, List<Integer> d) {
    return exchange(
        to,
        target -> {
          List<NodeRecord> answer = new ArrayList<>();
          for (SimNode n : target.table) {
            if (answer.size() < FINDNODE_LIMIT
                && d.contains(Functions.logDistance(target.nodeId(), n.nodeId()))) {
              answer.add(n.record);
            }
          }
          return (Collection<NodeRecord>) answer;
        },
        answer -> Transport.nodesMessages(answer.size()));
  }

  @Override
  public CompletableFuture<Void> ping(NodeRecord to) {
    return exchange(to, target -> (Void) null, pong -> 1);
  }

  private <T> CompletableFuture<T> exchange(
      NodeRecord to,
      java.util.function.Function<SimNode, T> answer,
      java.util.function.ToIntFunction<T> responseMessages) {
    sent++;
    if (network.time().now() != lastSentAt) {
      rounds++; // requests sent at one instant go out in parallel: one hop
      lastSentAt = network.time().now();
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    SimNode target = network.node(to.getNodeId());
    if (target == null || !self.online || network.lost()) {
      network.time().after(network.timeoutMillis(), () -> result.completeExceptionally(TIMEOUT));
      return result;
    }
    long there = network.latency(self, target);
    network
        .time()
        .after(
            there,
            () -> {
              if (!target.online) {
                network
                    .time()
                    .after(
                        network.timeoutMillis() - there,
                        () -> result.completeExceptionally(TIMEOUT));
                return;
              }
              T response = answer.apply(target);
              if (network.lost()) {
                network
                    .time()
                    .after(
                        network.timeoutMillis() - there,
                        () -> result.completeExceptionally(TIMEOUT));
                return;
              }
              network
                  .time()
                  .after(
                      network.latency(target, self),
                      () -> {
                        received += responseMessages.applyAsInt(response);
                        result.complete(response);
                      });
            });
    return result;
  }

  /** Distinct instants at which requests went out: sequential steps (hops) of a search. */
  long rounds() {
    return rounds;
  }

  @Override
  public long requestsSent() {
    return sent;
  }

  @Override
  public long responsesReceived() {
    return received;
  }
}
