package io.waypost.app.console.curator;

import io.waypost.app.console.safe.SafeRole;
import java.util.Optional;

/** Whom the Curator screen acts as: the active account itself, or a Safe that holds a role. */
record ActingAs(String label, Optional<SafeRole> safe) {

  static ActingAs account() {
    return new ActingAs("Your account", Optional.empty());
  }

  static ActingAs of(SafeRole safe) {
    return new ActingAs(safe.label(), Optional.of(safe));
  }

  @Override
  public String toString() {
    return label;
  }
}
