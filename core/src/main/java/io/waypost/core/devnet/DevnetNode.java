package io.waypost.core.devnet;

import io.waypost.core.model.Address;
import io.waypost.core.model.NodeId;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A service node of the devnet: its key file, the services it runs and the provider that registered
 * it (none for the unregistered and custom nodes). The discovery network of the embedded default
 * runs real nodes with these keys.
 */
public record DevnetNode(
    String name,
    Role role,
    Path keyFile,
    NodeId nodeId,
    List<String> services,
    Optional<Address> provider) {

  /** Why the node is there: each role ends in a different trust verdict. */
  public enum Role {
    TRUSTED,
    PENDING_PROVIDER,
    SUSPENDED_PROVIDER,
    UNREGISTERED,
    CUSTOM
  }

  public DevnetNode {
    services = List.copyOf(services);
  }
}
