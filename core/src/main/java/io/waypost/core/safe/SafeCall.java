package io.waypost.core.safe;

import io.waypost.core.model.Address;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import org.apache.tuweni.bytes.Bytes;

/**
 * One contract call a Safe is to make, with what a signer needs to review it: the method, its
 * inputs with their values, and a one-line decoded description. {@code data} is the ABI-encoded
 * call; the method and values encode to exactly it.
 */
public record SafeCall(
    Address to,
    BigInteger value,
    Bytes data,
    String method,
    List<Input> inputs,
    List<String> values,
    String description) {

  /** An ABI input of the called method. */
  public record Input(String name, String type, String internalType) {}

  public SafeCall {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(data, "data");
    inputs = List.copyOf(inputs);
    values = List.copyOf(values);
    if (inputs.size() != values.size()) {
      throw new IllegalArgumentException(
          method + " has " + inputs.size() + " inputs but " + values.size() + " values");
    }
  }
}
