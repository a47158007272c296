package io.waypost.core.registry;

import io.waypost.core.model.Address;

/** The address does not hold the Waypost registry (no code, or another contract). */
public final class NotARegistryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public NotARegistryException(Address address, long chainId, String why) {
    super(
        "The address "
            + address
            + " on chain "
            + chainId
            + " does not hold the Waypost registry: "
            + why
            + ". Check the profile's registry address.");
  }
}
