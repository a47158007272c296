package io.waypost.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.core.devnet.Devnet;
import io.waypost.core.model.Address;
import io.waypost.core.model.ProviderStatus;
import io.waypost.core.registry.RegistryActions;
import io.waypost.core.testing.AnvilRpc;
import io.waypost.core.testing.DevnetFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/** anvil's snapshot and revert make a real reorganisation: blocks the index saw are replaced. */
class ReorgTest {

  @TempDir Path dataDir;

  @Test
  void theStoreFollowsTheNewChainAfterAReorganisation() throws Exception {
    try (DevnetFixture f = new DevnetFixture(dataDir)) {
      f.indexer.syncOnce();
      AnvilRpc anvil = new AnvilRpc(f.devnet.profile().rpc().toString());
      Credentials curator = Devnet.accounts().get(0).credentials();
      RegistryActions asCurator = f.devnet.registry().as(curator);
      Address nimbus = Devnet.accounts().get(2).address();
      List<IndexerUpdate> updates = new CopyOnWriteArrayList<>();
      f.indexer.addListener(
          u -> updates.add(new IndexerUpdate(u.reorganised(), u.events().size())));

      String snapshot = anvil.snapshot();
      asCurator.approveProvider(nimbus).get();
      anvil.mine(2);
      f.indexer.syncOnce();
      assertEquals(ProviderStatus.APPROVED, status(f, nimbus), "the approval was indexed");
      int eventsBefore = f.indexer.view().eventCount();

      anvil.revert(snapshot);
      f.devnet.chain().signer(curator).resyncNonce();
      asCurator.rejectProvider(nimbus, "Changed our mind: no operator contact").get();
      anvil.mine(4); // the new chain is longer than the old one

      f.indexer.syncOnce();
      assertEquals(ProviderStatus.REJECTED, status(f, nimbus), "the store matches the new chain");
      assertEquals(eventsBefore, f.indexer.view().eventCount(), "one event replaced by another");
      assertTrue(
          f.indexer.view().auditTrail(100).stream()
              .noneMatch(
                  e ->
                      e.name().equals("ProviderApproved")
                          && e.subject().orElseThrow().equals(nimbus.value())),
          "the approval from the abandoned blocks is gone from the audit trail");
      assertTrue(updates.stream().anyMatch(IndexerUpdate::reorganised), "listeners were told");
      assertEquals(
          f.devnet.registry().provider(nimbus).get().status(),
          status(f, nimbus),
          "agrees with the contract");
    }
  }

  private record IndexerUpdate(boolean reorganised, int events) {}

  private static ProviderStatus status(DevnetFixture f, Address provider) {
    return f.indexer.view().provider(provider).orElseThrow().status();
  }
}
