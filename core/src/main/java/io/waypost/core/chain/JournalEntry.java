package io.waypost.core.chain;

import io.waypost.core.model.Address;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/** One transaction as the journal knows it. */
public record JournalEntry(
    String hash,
    long chainId,
    Address sender,
    Optional<Address> recipient,
    long nonce,
    String function,
    String summary,
    TxState state,
    Optional<String> error,
    OptionalLong blockNumber,
    Instant createdAt,
    Instant updatedAt) {}
