package io.waypost.core.chain;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.Collectors;
import org.web3j.utils.Numeric;

/**
 * A contract's custom error (or a decoded call) by name with its arguments, shown the way a
 * developer would write it: {@code NotCurator(0x70997970…)}.
 */
public record ContractError(String name, List<Object> arguments) {

  public ContractError {
    arguments = List.copyOf(arguments);
  }

  @Override
  public String toString() {
    return name
        + arguments.stream().map(ContractError::show).collect(Collectors.joining(", ", "(", ")"));
  }

  static String show(Object value) {
    if (value instanceof byte[] bytes) {
      return Numeric.toHexString(bytes);
    }
    if (value instanceof BigInteger number) {
      return number.toString();
    }
    if (value instanceof String text && !text.startsWith("0x")) {
      return "\"" + (text.length() > 60 ? text.substring(0, 57) + "..." : text) + "\"";
    }
    if (value instanceof List<?> list) {
      return list.size() > 3
          ? "[" + list.size() + " items]"
          : list.stream()
              .map(item -> item instanceof org.web3j.abi.datatypes.Type<?> t ? t.getValue() : item)
              .map(ContractError::show)
              .collect(Collectors.joining(", ", "[", "]"));
    }
    return String.valueOf(value);
  }
}
