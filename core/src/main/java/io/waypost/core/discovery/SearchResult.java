package io.waypost.core.discovery;

import java.time.Duration;
import java.util.List;
import org.ethereum.beacon.discovery.schema.NodeRecord;

/**
 * What one search found and what it cost.
 *
 * @param requests discv5 requests sent (TALKREQ or FINDNODE); each has one or more responses
 */
public record SearchResult(List<NodeRecord> found, long requests, Duration elapsed) {
  public SearchResult {
    found = List.copyOf(found);
  }
}
