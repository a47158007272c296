package io.waypost.core.chain;

import java.util.Optional;

/**
 * The contract refused a call or a transaction. {@link #getMessage()} names the contract's error
 * with its arguments, e.g. {@code approveProvider was refused: NotCurator(0x…)}.
 */
public final class ContractRevertedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient ContractError error;

  public ContractRevertedException(String action, ContractError error) {
    super(action + " was refused: " + error);
    this.error = error;
  }

  public ContractRevertedException(String action, String reason) {
    super(action + " was refused: " + reason);
    this.error = null;
  }

  /** The decoded custom error, when the contract gave one. */
  public Optional<ContractError> error() {
    return Optional.ofNullable(error);
  }
}
