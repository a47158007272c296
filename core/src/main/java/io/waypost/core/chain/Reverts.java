package io.waypost.core.chain;

import java.util.Optional;
import org.web3j.protocol.core.Response;

/** Turns a node's error answer to a call or estimate into the contract's error by name. */
final class Reverts {

  private Reverts() {}

  static RuntimeException toException(ContractAbi abi, String function, Response.Error error) {
    Optional<ContractError> decoded = revertData(error).flatMap(abi::decodeError);
    if (decoded.isPresent()) {
      return new ContractRevertedException(function, decoded.get());
    }
    String message = error.getMessage() == null ? "" : error.getMessage();
    if (message.toLowerCase(java.util.Locale.ROOT).contains("revert")) {
      return new ContractRevertedException(function, message);
    }
    return new IllegalStateException("The node refused " + function + ": " + message);
  }

  /** Revert data sits in the error's data field, as hex (some nodes quote it). */
  static Optional<String> revertData(Response.Error error) {
    String data = error.getData();
    if (data == null) {
      return Optional.empty();
    }
    String trimmed = data.strip();
    if (trimmed.startsWith("\"") && trimmed.endsWith("\"") && trimmed.length() > 1) {
      trimmed = trimmed.substring(1, trimmed.length() - 1);
    }
    return trimmed.startsWith("0x") && trimmed.length() >= 10
        ? Optional.of(trimmed)
        : Optional.empty();
  }
}
