package io.waypost.core.index;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.EventValues;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Type;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.tx.Contract;
import org.web3j.utils.Numeric;

/** Turns the registry's logs into {@link IndexedEvent}s, using the generated event definitions. */
final class EventDecoder {

  private final Map<String, Event> byTopic = new HashMap<>();

  EventDecoder() {
    for (Event event : RegistryEvents.ALL) {
      byTopic.put(EventEncoder.encode(event), event);
    }
  }

  /** The decoded event, or empty for a log that is not one of the registry's events. */
  @SuppressWarnings("rawtypes") // web3j's EventValues hands out raw Type lists
  Optional<IndexedEvent> decode(Log log, Instant timestamp) {
    if (log.getTopics() == null || log.getTopics().isEmpty()) {
      return Optional.empty();
    }
    Event event = byTopic.get(log.getTopics().get(0));
    if (event == null) {
      return Optional.empty();
    }
    EventValues values = Contract.staticExtractEventParameters(event, log);
    List<Type> indexed = values.getIndexedValues();
    List<Type> data = values.getNonIndexedValues();
    Fields f = new Fields();
    switch (event.getName()) {
      case "OwnershipTransferStarted", "OwnershipTransferred" -> {
        f.actor = text(indexed.get(0));
        f.subject = text(indexed.get(1));
      }
      case "CuratorAdded", "CuratorRemoved" -> {
        f.subject = text(indexed.get(0));
        f.actor = text(indexed.get(1));
      }
      case "ServiceAdded" -> {
        f.service = text(indexed.get(0));
        f.actor = text(indexed.get(1));
        f.details.put("name", text(data.get(0)));
      }
      case "ProviderApplied", "ProviderUpdated" -> {
        f.subject = text(indexed.get(0));
        f.actor = f.subject;
        f.details.put("name", text(data.get(0)));
        f.details.put("metadataURI", text(data.get(1)));
      }
      case "ProviderUpdateProposed" -> {
        f.subject = text(indexed.get(0));
        f.actor = f.subject;
        f.details.put("name", text(data.get(0)));
        f.details.put("metadataURI", text(data.get(1)));
      }
      case "ProviderUpdateAccepted" -> {
        f.subject = text(indexed.get(0));
        f.actor = text(indexed.get(1));
      }
      case "ProviderUpdateDeclined" -> {
        f.subject = text(indexed.get(0));
        f.actor = text(indexed.get(1));
        f.details.put("reason", text(data.get(0)));
      }
      case "NodeProofsCancelled" -> {
        f.node = text(indexed.get(0));
        f.details.put("nextNonce", text(data.get(0)));
      }
      case "MaxProofValiditySet", "ReapplyCooldownSet" -> {
        f.actor = text(indexed.get(0));
        f.details.put("seconds", text(data.get(0)));
      }
      case "ProviderApproved" -> {
        f.subject = text(indexed.get(0));
        f.actor = text(indexed.get(1));
      }
      case "ProviderRejected", "ProviderSuspended", "ProviderReinstated" -> {
        f.subject = text(indexed.get(0));
        f.actor = text(indexed.get(1));
        f.details.put("reason", text(data.get(0)));
      }
      case "ProviderWithdrawn" -> {
        f.subject = text(indexed.get(0));
        f.actor = f.subject;
      }
      case "NodeRegistered" -> {
        f.subject = text(indexed.get(0));
        f.actor = f.subject;
        f.node = text(indexed.get(1));
        f.service = text(indexed.get(2));
      }
      case "NodeRemoved" -> {
        f.subject = text(indexed.get(0));
        f.node = text(indexed.get(1));
        f.service = text(indexed.get(2));
        f.actor = text(data.get(0));
      }
      default -> throw new IllegalStateException("unhandled event " + event.getName());
    }
    return Optional.of(
        new IndexedEvent(
            log.getBlockNumber().longValueExact(),
            log.getLogIndex().intValueExact(),
            log.getBlockHash(),
            log.getTransactionHash(),
            timestamp,
            event.getName(),
            Optional.ofNullable(f.actor),
            Optional.ofNullable(f.subject),
            Optional.ofNullable(f.node),
            Optional.ofNullable(f.service),
            f.details));
  }

  private static final class Fields {
    String actor;
    String subject;
    String node;
    String service;
    final Map<String, String> details = new HashMap<>();
  }

  private static String text(Type<?> value) {
    Object v = value.getValue();
    if (v instanceof byte[] bytes) {
      return Numeric.toHexString(bytes);
    }
    return v instanceof String s && s.startsWith("0x")
        ? s.toLowerCase(java.util.Locale.ROOT)
        : String.valueOf(v);
  }
}
