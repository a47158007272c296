package io.waypost.app.console.trust;

import io.waypost.core.model.NodeId;
import java.util.Optional;

/** What a user does on Trust; each is called on the FX thread and does its work off it. */
interface TrustActions {

  void trust(ProviderRow provider, boolean trust);

  void addCustom(String record, String label);

  void removeCustom(NodeId node);

  /** Pins {@code node}, or unpins when it is empty. */
  void pin(Optional<NodeId> node);
}
