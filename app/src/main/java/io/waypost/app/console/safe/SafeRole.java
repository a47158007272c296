package io.waypost.app.console.safe;

import io.waypost.core.model.Address;
import java.util.List;

/**
 * A Safe (multisig) that holds a role in the registry: its owners, how many of them must sign, and
 * whether it is the owner, the pending owner (offered the ownership, not yet accepted), a curator,
 * or several of these.
 */
public record SafeRole(
    Address safe,
    List<Address> owners,
    int threshold,
    boolean owner,
    boolean pendingOwner,
    boolean curator) {

  public SafeRole {
    owners = List.copyOf(owners);
  }

  /** "owner and curator", "owner", "pending owner", "pending owner and curator" or "curator". */
  public String roles() {
    List<String> roles = new java.util.ArrayList<>();
    if (owner) {
      roles.add("owner");
    }
    if (pendingOwner) {
      roles.add("pending owner");
    }
    if (curator) {
      roles.add("curator");
    }
    return String.join(" and ", roles);
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
