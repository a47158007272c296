package io.waypost.core.registry;

import io.waypost.core.model.Address;
import io.waypost.core.model.NodeId;
import io.waypost.core.model.ServiceId;
import java.util.List;
import java.util.Optional;

/** A node as the registry holds it; {@code nonce} is what its next proof must sign. */
public record NodeRecord(
    NodeId nodeId, Optional<Address> provider, List<ServiceId> services, long nonce) {

  public NodeRecord {
    services = List.copyOf(services);
  }
}
