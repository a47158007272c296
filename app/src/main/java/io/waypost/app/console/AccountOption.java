package io.waypost.app.console;

import io.waypost.core.model.Address;
import java.util.Optional;
import org.web3j.crypto.Credentials;

/**
 * An account the console can act as: a devnet account (always unlocked) or a keystore, unlocked for
 * this session once its password was given (the password itself is never kept).
 */
public record AccountOption(String label, Address address, Optional<Credentials> credentials) {

  public boolean unlocked() {
    return credentials.isPresent();
  }

  @Override
  public String toString() {
    String shortAddress =
        address.checksummed().substring(0, 8) + "…" + address.value().substring(38);
    return label + " (" + shortAddress + ")" + (unlocked() ? "" : " — locked");
  }
}
