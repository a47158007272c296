package io.waypost.core.trust;

import io.waypost.core.index.IndexerState;
import io.waypost.core.index.RegistryView;
import io.waypost.core.index.RegistryView.IndexedProvider;
import io.waypost.core.model.Address;
import io.waypost.core.model.NodeId;
import io.waypost.core.model.ServiceId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The registry as the local index has it, read once so that verifying many nodes costs two store
 * queries and no RPC call.
 */
public record RegistrySnapshot(
    Map<Registration, Address> registrations,
    Map<Address, IndexedProvider> providers,
    Map<ServiceId, String> serviceNames,
    IndexerState state) {

  /** A node registered for a service. */
  public record Registration(NodeId nodeId, ServiceId serviceId) {}

  public static RegistrySnapshot of(RegistryView view, IndexerState state) {
    Map<Registration, Address> registrations = new HashMap<>();
    view.nodes()
        .forEach(n -> registrations.put(new Registration(n.nodeId(), n.serviceId()), n.provider()));
    Map<Address, IndexedProvider> providers = new HashMap<>();
    view.providers().forEach(p -> providers.put(p.address(), p));
    return new RegistrySnapshot(
        Map.copyOf(registrations), Map.copyOf(providers), view.services(), state);
  }

  /**
   * A snapshot that is read from the store again only when the index changed (or its state did): a
   * client verifying on every discovery event then pays for the store once per registry change.
   */
  public static java.util.function.Supplier<RegistrySnapshot> cached(
      io.waypost.core.index.RegistryIndexer indexer) {
    return new java.util.function.Supplier<>() {
      private long version = -1;
      private IndexerState state;
      private RegistrySnapshot snapshot;

      @Override
      public synchronized RegistrySnapshot get() {
        long now = indexer.version();
        IndexerState currentState = indexer.state();
        if (snapshot == null || now != version || currentState.getClass() != state.getClass()) {
          snapshot = of(indexer.view(), currentState);
          version = now;
          state = currentState;
        } else if (currentState != state) {
          snapshot =
              new RegistrySnapshot(
                  snapshot.registrations(),
                  snapshot.providers(),
                  snapshot.serviceNames(),
                  currentState);
          state = currentState;
        }
        return snapshot;
      }
    };
  }

  public Optional<Address> providerOf(NodeId node, ServiceId service) {
    return Optional.ofNullable(registrations.get(new Registration(node, service)));
  }

  public String serviceName(ServiceId service) {
    return serviceNames.getOrDefault(service, service.toString());
  }
}
