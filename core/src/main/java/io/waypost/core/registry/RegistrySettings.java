package io.waypost.core.registry;

import java.time.Duration;

/**
 * The registry owner's settings: the longest validity a node's proof may have when it is sent, and
 * how long a rejected or withdrawn provider waits before it may apply again.
 */
public record RegistrySettings(Duration maxProofValidity, Duration reapplyCooldown) {}
