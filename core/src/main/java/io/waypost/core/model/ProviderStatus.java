package io.waypost.core.model;

/** A provider's standing in the registry; the ordinals are the contract's enum values. */
public enum ProviderStatus {
  NONE,
  PENDING,
  APPROVED,
  REJECTED,
  SUSPENDED,
  WITHDRAWN;

  public static ProviderStatus fromCode(int code) {
    ProviderStatus[] all = values();
    if (code < 0 || code >= all.length) {
      throw new IllegalArgumentException("Unknown provider status code " + code);
    }
    return all[code];
  }

  public int code() {
    return ordinal();
  }

  /** Only approved providers' nodes verify. */
  public boolean isTrusted() {
    return this == APPROVED;
  }
}
