package io.waypost.core.chain;

import java.io.IOException;
import java.time.Duration;

/**
 * Every endpoint answered 429 Too Many Requests: not an outage and not a refused range. The caller
 * should wait {@link #retryAfter()} (the endpoint's Retry-After, else a growing backoff).
 */
public final class RateLimitedException extends IOException {

  private static final long serialVersionUID = 1L;
  private final transient Duration retryAfter;

  public RateLimitedException(String endpoint, Duration retryAfter) {
    super(
        "The endpoint "
            + endpoint
            + " limits the request rate (HTTP 429); retrying in "
            + retryAfter.toMillis()
            + " ms");
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
