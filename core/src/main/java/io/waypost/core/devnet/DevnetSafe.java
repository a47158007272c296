package io.waypost.core.devnet;

import io.waypost.core.model.Address;
import io.waypost.core.registry.RegistryClient;
import io.waypost.core.safe.RegistryCalls;
import io.waypost.core.safe.SafeAccount;
import io.waypost.core.safe.SafeDeployer;
import java.util.List;
import java.util.Optional;
import org.web3j.crypto.Credentials;

/**
 * The devnet's Safe-owned variant ({@code waypost devnet --safe-owner}): Safe 1.4.1 deployed from
 * its own artifacts, a 2-of-3 Safe of three devnet accounts made the registry's owner and its only
 * curator, so every owner and curator action must go through the Safe.
 *
 * @param safe the Safe's address
 * @param owners the devnet accounts that own it (their keys are the devnet's public ones)
 * @param threshold signatures needed
 * @param multiSend the MultiSendCallOnly contract for batches
 */
public record DevnetSafe(Address safe, List<Address> owners, int threshold, Address multiSend) {

  /** The Safe's owners: the devnet's owner, the rejected applicant and the newcomer. */
  static final List<Integer> OWNER_ACCOUNTS = List.of(0, 4, 5);

  static final int THRESHOLD = 2;

  /** The Safe's owners' keys, for executing with keys at hand. */
  public static List<Credentials> ownerKeys() {
    return OWNER_ACCOUNTS.stream().map(DevAccounts::account).toList();
  }

  /**
   * Hands the seeded registry over: deploys the Safe contracts and a 2-of-3 Safe, offers it the
   * ownership, and has the Safe accept it, add itself as a curator and remove the devnet's owner
   * account as curator (one MultiSend, signed by two owners).
   */
  public static DevnetSafe handOver(Devnet devnet) throws Exception {
    Credentials deployer = DevAccounts.account(0);
    RegistryClient registry = devnet.registry();
    Address formerOwner = Address.of(deployer.getAddress());
    if (!registry.owner().get().equals(formerOwner)) {
      throw new IllegalStateException(
          "The devnet's registry is owned by "
              + registry.owner().get().checksummed()
              + " already, not by its seed account: nothing to hand over");
    }
    SafeDeployer deployer1 = new SafeDeployer(devnet.chain(), deployer);
    SafeDeployer.SafeContracts contracts = deployer1.deployContracts();
    List<Address> owners = ownerKeys().stream().map(c -> Address.of(c.getAddress())).toList();
    Address safe = deployer1.createSafe(contracts, owners, THRESHOLD);
    registry.as(deployer).transferOwnership(safe).get();
    RegistryCalls calls = new RegistryCalls(registry.address());
    new SafeAccount(devnet.chain(), safe)
        .execute(
            List.of(
                calls.acceptOwnership(), calls.addCurator(safe), calls.removeCurator(formerOwner)),
            Optional.of(contracts.multiSend()),
            ownerKeys().subList(0, THRESHOLD),
            deployer,
            progress -> {});
    return new DevnetSafe(safe, owners, THRESHOLD, contracts.multiSend());
  }

  /**
   * The devnet's accounts with the roles they play once the Safe holds the registry: the seed
   * account is no longer owner nor curator, and each of the Safe's owners says so.
   */
  public List<Devnet.DevAccount> accounts() {
    return Devnet.accounts().stream()
        .map(
            account -> {
              if (!owners.contains(account.address())) {
                return account;
              }
              boolean formerOwner =
                  account.address().equals(Address.of(DevAccounts.account(0).getAddress()));
              String role =
                  formerOwner
                      ? "Safe owner (no longer owner or curator)"
                      : account.role() + ", Safe owner";
              return new Devnet.DevAccount(role, account.credentials());
            })
        .toList();
  }

  /** The Safe's owners' keys as the devnet's accounts. */
  public static Optional<Credentials> ownerKey(Address owner) {
    return ownerKeys().stream().filter(c -> Address.of(c.getAddress()).equals(owner)).findFirst();
  }
}
