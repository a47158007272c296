package io.waypost.core.discovery;

import java.time.Duration;
import java.util.List;
import org.ethereum.beacon.discovery.schema.NodeRecord;

/**
 * What one search found and what it cost.
 *
 * @param requests discv5 requests sent (TALKREQ or FINDNODE), counted from the node's transport
 *     while the search ran
 * @param responses response messages received (TALKRESP, or NODES messages of up to 4 records) by
 *     the time the search ended: a search that has what it wants ends without waiting for its
 *     requests still in flight, and their late answers are not counted here
 */
public record SearchResult(
    List<NodeRecord> found, long requests, long responses, Duration elapsed) {
  /** Messages exchanged: requests plus responses (session handshakes not included). */
  public long messages() {
    return requests + responses;
  }

  public SearchResult {
    found = List.copyOf(found);
  }

  /** For logs: how many were found, at what cost, in how long (the records themselves are long). */
  @Override
  public String toString() {
    return found.size()
        + " found, "
        + requests
        + " requests, "
        + responses
        + " responses, "
        + elapsed.toMillis()
        + " ms";
  }
}
