package io.waypost.app.console.curator;

import io.waypost.core.index.RegistryView.IndexedProvider;
import io.waypost.core.model.ProviderStatus;

/** A provider as the curator's tables show it. */
public record ProviderRow(IndexedProvider provider) {

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
}
