package io.waypost.core.model;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.web3j.crypto.Hash;

/**
 * A service's 32-byte id: keccak256 of the service's UTF-8 name. The registry, discovery (topic ads
 * and the ENR entry) and trust all use this one derivation, so "mailserver" means the same thing
 * everywhere.
 */
public record ServiceId(Bytes32 value) {

  public ServiceId {
    Objects.requireNonNull(value, "value");
  }

  /** The id of a named service, e.g. {@code ServiceId.of("mailserver")}. */
  public static ServiceId of(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("A service name must not be empty");
    }
    return new ServiceId(Bytes32.wrap(Hash.sha3(name.getBytes(StandardCharsets.UTF_8))));
  }

  /** Parses a 0x-prefixed 32-byte hex id. */
  public static ServiceId fromHex(String hex) {
    return new ServiceId(Bytes32.fromHexString(hex));
  }

  public byte[] toArray() {
    return value.toArrayUnsafe().clone();
  }

  public Bytes bytes() {
    return value;
  }

  @Override
  public String toString() {
    return value.toHexString();
  }
}
