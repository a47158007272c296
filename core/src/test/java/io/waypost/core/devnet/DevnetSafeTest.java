package io.waypost.core.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.core.model.Address;
import io.waypost.core.model.ProviderStatus;
import io.waypost.core.registry.RegistryClient;
import io.waypost.core.safe.RegistryCalls;
import io.waypost.core.safe.SafeAccount;
import io.waypost.core.testing.DevnetFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The devnet's Safe-owned variant: the Safe owns and alone curates the seeded registry. */
class DevnetSafeTest {

  @TempDir Path dataDir;

  @Test
  void theSafeOwnsAndAloneCuratesTheRegistry() throws Exception {
    try (DevnetFixture f = new DevnetFixture(dataDir)) {
      DevnetSafe safe = DevnetSafe.handOver(f.devnet);
      RegistryClient registry = f.devnet.registry();
      assertEquals(safe.safe(), registry.owner().get());
      assertEquals(List.of(safe.safe()), registry.curators().get(), "the Safe is the only curator");
      SafeAccount account = new SafeAccount(f.devnet.chain(), safe.safe());
      assertEquals(2, account.threshold());
      assertEquals(Set(safe.owners()), Set(account.owners()));

      Address nimbus = Devnet.accounts().get(2).address();
      account.execute(
          List.of(new RegistryCalls(registry.address()).approveProvider(nimbus)),
          Optional.empty(),
          List.of(DevnetSafe.ownerKeys().get(1), DevnetSafe.ownerKeys().get(2)),
          Devnet.accounts().get(0).credentials(),
          p -> {});
      assertEquals(ProviderStatus.APPROVED, registry.provider(nimbus).get().status());
      assertFalse(registry.isCurator(Devnet.accounts().get(0).address()).get());
      assertTrue(DevnetSafe.ownerKey(safe.owners().get(0)).isPresent());

      // The accounts say who owns the Safe; none claims to be the registry's owner any more.
      List<Devnet.DevAccount> accounts = safe.accounts();
      assertEquals("Safe owner (no longer owner or curator)", accounts.get(0).role());
      assertEquals(
          Set(safe.owners()),
          Set(
              accounts.stream()
                  .filter(a -> a.role().contains("Safe owner"))
                  .map(Devnet.DevAccount::address)
                  .toList()));
      assertTrue(
          accounts.stream().noneMatch(a -> a.role().startsWith("Owner")), accounts::toString);
    }
  }

  private static java.util.Set<Address> Set(List<Address> addresses) {
    return java.util.Set.copyOf(addresses);
  }
}
