package io.waypost.app.console.safe;

import io.waypost.core.chain.ChainConnection;
import io.waypost.core.model.Address;
import io.waypost.core.network.NetworkSession;
import io.waypost.core.safe.SafeAccount;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * Finds which of the registry's owner, pending owner and curators are Safes, by asking each
 * contract among them for its owners and threshold. Worker threads only (it asks the chain). An
 * account with no code is remembered as no Safe for the session; a Safe is asked again each time,
 * since its owners and threshold may change.
 */
public final class SafeFinder {

  private final Map<Address, Boolean> plainAccounts = new ConcurrentHashMap<>();
  private volatile NetworkSession session;

  /** The Safes among {@code owner}, {@code pendingOwner} and {@code curators}, owner first. */
  public List<SafeRole> find(
      NetworkSession current,
      Optional<Address> owner,
      Optional<Address> pendingOwner,
      List<Address> curators) {
    if (current != session) {
      plainAccounts.clear();
      session = current;
    }
    Set<Address> candidates = new LinkedHashSet<>();
    owner.ifPresent(candidates::add);
    pendingOwner.ifPresent(candidates::add);
    candidates.addAll(curators);
    List<SafeRole> safes = new ArrayList<>();
    for (Address candidate : candidates) {
      if (plainAccounts.containsKey(candidate)) {
        continue;
      }
      probe(current.chain(), candidate)
          .ifPresent(
              account ->
                  safes.add(
                      new SafeRole(
                          candidate,
                          account.owners(),
                          account.threshold(),
                          owner.map(candidate::equals).orElse(false),
                          pendingOwner.map(candidate::equals).orElse(false),
                          curators.contains(candidate))));
    }
    return safes;
  }

  /** The Safe at {@code address}, if it is one; an account without code is remembered. */
  private Optional<SafeAccount> probe(ChainConnection chain, Address address) {
    try {
      String code =
          chain
              .web3j()
              .ethGetCode(address.value(), DefaultBlockParameterName.LATEST)
              .send()
              .getCode();
      if (code == null || code.equals("0x")) {
        plainAccounts.put(address, true);
        return Optional.empty();
      }
      SafeAccount account = new SafeAccount(chain, address);
      account.threshold(); // a contract that is no Safe does not answer
      return Optional.of(account);
    } catch (IOException | RuntimeException notASafeOrUnreachable) {
      return Optional.empty(); // asked again at the next refresh
    }
  }
}
