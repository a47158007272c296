package io.waypost.app.console.safe;

import io.waypost.core.model.Address;
import java.util.List;

/**
 * A Safe (multisig) that holds a role in the registry: its owners, how many of them must sign, and
 * whether it is the owner, a curator or both.
 */
public record SafeRole(
    Address safe, List<Address> owners, int threshold, boolean owner, boolean curator) {

  public SafeRole {
    owners = List.copyOf(owners);
  }

  /** "owner and curator", "owner" or "curator". */
  public String roles() {
    return owner && curator ? "owner and curator" : owner ? "owner" : "curator";
  }

  /** How the Safe is named in a picker: short address and roles. */
  public String label() {
    return "Safe " + shortAddress(safe) + " (" + roles() + ")";
  }

  /** 0x1234…abcd: enough to tell addresses apart at a glance. */
  public static String shortAddress(Address address) {
    String full = address.checksummed();
    return full.substring(0, 6) + "…" + full.substring(full.length() - 4);
  }
}
