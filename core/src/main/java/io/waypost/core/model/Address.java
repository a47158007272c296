package io.waypost.core.model;

import java.util.Locale;
import java.util.Objects;
import org.web3j.crypto.Keys;

/** A 20-byte Ethereum account or contract address, kept in lowercase 0x form. */
public record Address(String value) {

  public static final Address ZERO = new Address("0x0000000000000000000000000000000000000000");

  public Address {
    Objects.requireNonNull(value, "value");
    if (!value.matches("0x[0-9a-fA-F]{40}")) {
      throw new IllegalArgumentException(
          "Not an address (0x followed by 40 hex digits): '" + value + "'");
    }
    value = value.toLowerCase(Locale.ROOT);
  }

  public static Address of(String hex) {
    return new Address(hex.strip());
  }

  public boolean isZero() {
    return equals(ZERO);
  }

  /** EIP-55 mixed-case form, for display. */
  public String checksummed() {
    return Keys.toChecksumAddress(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
