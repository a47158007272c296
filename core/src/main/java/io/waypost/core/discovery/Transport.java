package io.waypost.core.discovery;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.tuweni.bytes.Bytes;
import org.ethereum.beacon.discovery.schema.NodeRecord;

/**
 * The discv5 requests the topic layer and the searches send, each completing with its answer or
 * failing on timeout, and a count of what they cost. The node sends them through Teku's library
 * ({@link Messenger}); a simulation delivers them on virtual time, so the same protocol classes run
 * in both.
 */
public interface Transport {

  CompletableFuture<Bytes> talk(NodeRecord to, Bytes protocol, Bytes request);

  CompletableFuture<Collection<NodeRecord>> findNodes(NodeRecord to, List<Integer> distances);

  CompletableFuture<Void> ping(NodeRecord to);

  /** Requests sent so far (each answered by one or more responses, or timed out). */
  long requestsSent();

  /**
   * Response messages received so far: one TALKRESP per answered TALKREQ, one NODES message per 4
   * records (at least one) per answered FINDNODE, one PONG per answered PING.
   */
  long responsesReceived();

  /** Teku's responder splits a FINDNODE answer into NODES messages of at most 4 records. */
  int RECORDS_PER_NODES_MESSAGE = 4;

  /** NODES messages that carry an answer of {@code records} records. */
  static int nodesMessages(int records) {
    return Math.max(1, (records + RECORDS_PER_NODES_MESSAGE - 1) / RECORDS_PER_NODES_MESSAGE);
  }
}
