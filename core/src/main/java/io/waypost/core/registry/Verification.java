package io.waypost.core.registry;

import io.waypost.core.model.Address;
import io.waypost.core.model.NodeId;
import io.waypost.core.model.ProviderStatus;
import io.waypost.core.model.ServiceId;
import java.util.Optional;

/** What the registry says of a node for a service. */
public record Verification(
    NodeId nodeId,
    ServiceId serviceId,
    boolean trusted,
    Optional<Address> provider,
    ProviderStatus providerStatus) {

  public boolean registered() {
    return provider.isPresent();
  }
}
