package io.waypost.core.selection;

import io.waypost.core.model.NodeId;
import java.time.Duration;
import java.util.Optional;

/** A usable server (trusted or custom) and how fast it answered its last PING. */
public record Candidate(NodeId nodeId, Optional<Duration> rtt, boolean custom) {}
