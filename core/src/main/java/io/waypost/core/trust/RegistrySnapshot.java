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

  public Optional<Address> providerOf(NodeId node, ServiceId service) {
    return Optional.ofNullable(registrations.get(new Registration(node, service)));
  }

  public String serviceName(ServiceId service) {
    return serviceNames.getOrDefault(service, service.toString());
  }
}
