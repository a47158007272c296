package io.waypost.app.console.curator;

import io.waypost.core.index.RegistryView.IndexedProvider;
import io.waypost.core.model.ProviderStatus;
import io.waypost.core.registry.ProviderUpdate;
import java.util.Optional;

/**
 * A provider as the curator's tables show it, with the metadata update it proposed and no curator
 * has decided on yet, if any.
 */
public record ProviderRow(IndexedProvider provider, Optional<ProviderUpdate> pendingUpdate) {

  public ProviderRow(IndexedProvider provider) {
    this(provider, Optional.empty());
  }

  public String address() {
    return provider.address().checksummed();
  }

  public String name() {
    return provider.name();
  }

  public String metadataUri() {
    return provider.metadataUri();
  }

  public ProviderStatus status() {
    return provider.status();
  }

  public String statusText() {
    return provider.status().name().toLowerCase(java.util.Locale.ROOT);
  }

  public String reason() {
    return provider.statusReason().orElse("");
  }

  /** The proposed name and URI, for the table; empty when nothing is proposed. */
  public String proposedText() {
    return pendingUpdate
        .map(u -> u.name() + (u.metadataUri().isEmpty() ? "" : " \u2014 " + u.metadataUri()))
        .orElse("");
  }

  /** Whether a curator has something to decide: an application or a metadata update. */
  public boolean awaitsDecision() {
    return status() == ProviderStatus.PENDING || pendingUpdate.isPresent();
  }
}
