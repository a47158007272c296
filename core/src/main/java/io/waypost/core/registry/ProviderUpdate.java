package io.waypost.core.registry;

import io.waypost.core.model.Address;
import java.time.Instant;

/** Metadata a provider proposed; it becomes its own only when a curator accepts it. */
public record ProviderUpdate(
    Address provider, String name, String metadataUri, Instant proposedAt) {}
