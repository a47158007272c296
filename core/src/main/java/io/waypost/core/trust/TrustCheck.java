package io.waypost.core.trust;

/** The checks a discovered node must pass to be trusted, in the order they are made. */
public enum TrustCheck {
  RECORD("Record well-formed and correctly signed"),
  ADVERTISES("Advertises the service (topic ad or ENR entry)"),
  REGISTERED("Registered for the service in the registry"),
  PROVIDER_APPROVED("Its provider is approved"),
  PROVIDER_TRUSTED("Its provider is one you trust"),
  ALIVE("Answers PING and proves possession of its key");

  private final String description;

  TrustCheck(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
