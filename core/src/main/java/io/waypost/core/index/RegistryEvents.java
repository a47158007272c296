package io.waypost.core.index;

import io.waypost.contracts.WaypostRegistry;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.datatypes.Event;

/** Every event the registry emits, as the generated wrapper defines them. */
public final class RegistryEvents {

  public static final List<Event> ALL =
      List.of(
          WaypostRegistry.OWNERSHIPTRANSFERSTARTED_EVENT,
          WaypostRegistry.OWNERSHIPTRANSFERRED_EVENT,
          WaypostRegistry.CURATORADDED_EVENT,
          WaypostRegistry.CURATORREMOVED_EVENT,
          WaypostRegistry.SERVICEADDED_EVENT,
          WaypostRegistry.PROVIDERAPPLIED_EVENT,
          WaypostRegistry.PROVIDERUPDATED_EVENT,
          WaypostRegistry.PROVIDERAPPROVED_EVENT,
          WaypostRegistry.PROVIDERREJECTED_EVENT,
          WaypostRegistry.PROVIDERSUSPENDED_EVENT,
          WaypostRegistry.PROVIDERREINSTATED_EVENT,
          WaypostRegistry.PROVIDERWITHDRAWN_EVENT,
          WaypostRegistry.NODEREGISTERED_EVENT,
          WaypostRegistry.NODEREMOVED_EVENT,
          WaypostRegistry.PROVIDERUPDATEPROPOSED_EVENT,
          WaypostRegistry.PROVIDERUPDATEACCEPTED_EVENT,
          WaypostRegistry.PROVIDERUPDATEDECLINED_EVENT,
          WaypostRegistry.NODEPROOFSCANCELLED_EVENT,
          WaypostRegistry.MAXPROOFVALIDITYSET_EVENT,
          WaypostRegistry.REAPPLYCOOLDOWNSET_EVENT);

  private RegistryEvents() {}

  /** The name of the event whose signature hash is {@code topic0}. */
  public static Optional<String> nameOf(String topic0) {
    return ALL.stream()
        .filter(event -> EventEncoder.encode(event).equalsIgnoreCase(topic0))
        .map(Event::getName)
        .findFirst();
  }
}
