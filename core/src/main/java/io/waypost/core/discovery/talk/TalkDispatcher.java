package io.waypost.core.discovery.talk;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.tuweni.bytes.Bytes;
import org.ethereum.beacon.discovery.TalkHandler;
import org.ethereum.beacon.discovery.schema.NodeRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes TALKREQ by protocol id to registered {@link TalkProtocol}s. Unknown protocols and failing
 * handlers get an empty TALKRESP, as discv5 asks; a handler's exception never reaches the library.
 * Later protocols (encrypted requests) register here without touching discovery.
 */
public final class TalkDispatcher implements TalkHandler {

  private static final Logger LOG = LoggerFactory.getLogger(TalkDispatcher.class);
  private static final int MAX_PROTOCOL_ID = 64;

  private final Map<Bytes, TalkProtocol> protocols = new ConcurrentHashMap<>();
  private final AtomicLong failures = new AtomicLong();

  public void register(Bytes protocolId, TalkProtocol protocol) {
    if (protocols.putIfAbsent(protocolId, protocol) != null) {
      throw new IllegalStateException("A handler for " + protocolId + " is already registered");
    }
  }

  @Override
  public CompletableFuture<Bytes> talk(NodeRecord source, Bytes protocol, Bytes request) {
    TalkProtocol handler = protocol.size() > MAX_PROTOCOL_ID ? null : protocols.get(protocol);
    if (handler == null) {
      return CompletableFuture.completedFuture(Bytes.EMPTY);
    }
    try {
      return handler
          .handle(source, request)
          .exceptionally(
              e -> {
                failures.incrementAndGet();
                LOG.debug("TALKREQ handler failed", e);
                return Bytes.EMPTY;
              });
    } catch (RuntimeException e) {
      failures.incrementAndGet();
      LOG.debug("TALKREQ handler failed", e);
      return CompletableFuture.completedFuture(Bytes.EMPTY);
    }
  }

  /** Requests whose handler threw: a fuzzing test expects only malformed-input drops, not these. */
  public long handlerFailures() {
    return failures.get();
  }
}
