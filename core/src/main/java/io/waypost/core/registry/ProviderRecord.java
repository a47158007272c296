package io.waypost.core.registry;

import io.waypost.core.model.Address;
import io.waypost.core.model.ProviderStatus;
import java.time.Instant;

/** A provider as the registry holds it. */
public record ProviderRecord(
    Address address,
    ProviderStatus status,
    Instant appliedAt,
    Instant updatedAt,
    String name,
    String metadataUri) {}
