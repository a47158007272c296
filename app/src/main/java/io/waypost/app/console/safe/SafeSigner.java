package io.waypost.app.console.safe;

import io.waypost.core.model.Address;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import org.web3j.crypto.Credentials;

/**
 * One of the acting Safe's owners as the console sees it: its address, the console account that
 * holds its key (when one is unlocked here) and whether the user chose it to sign. FX thread only.
 */
public final class SafeSigner {

  private final Address owner;
  private final String name;
  private final Optional<Credentials> key;
  private final BooleanProperty chosen = new SimpleBooleanProperty();

  SafeSigner(Address owner, String name, Optional<Credentials> key) {
    this.owner = owner;
    this.name = name;
    this.key = key;
  }

  public Address owner() {
    return owner;
  }

  /** The console account's label, or empty when no account here holds the key. */
  public String name() {
    return name;
  }

  public Optional<Credentials> key() {
    return key;
  }

  public boolean atHand() {
    return key.isPresent();
  }

  public BooleanProperty chosen() {
    return chosen;
  }
}
