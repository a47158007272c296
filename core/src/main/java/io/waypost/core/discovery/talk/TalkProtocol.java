package io.waypost.core.discovery.talk;

import java.util.concurrent.CompletableFuture;
import org.apache.tuweni.bytes.Bytes;
import org.ethereum.beacon.discovery.schema.NodeRecord;

/** One TALKREQ sub-protocol: answers a request from a node; empty bytes means no answer. */
@FunctionalInterface
public interface TalkProtocol {
  CompletableFuture<Bytes> handle(NodeRecord source, Bytes request);
}
