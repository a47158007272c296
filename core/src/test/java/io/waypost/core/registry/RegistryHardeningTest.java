package io.waypost.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.core.devnet.Devnet;
import io.waypost.core.index.RegistryView;
import io.waypost.core.model.Address;
import io.waypost.core.model.NodeId;
import io.waypost.core.model.ServiceId;
import io.waypost.core.testing.DevnetFixture;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

/**
 * The registry's curation rules as the Java side sees them, on the devnet's real anvil: a node key
 * withdrawing its consent, metadata that waits for a curator, and a withdrawal voiding a provider's
 * registrations, each reflected by the indexer.
 */
class RegistryHardeningTest {

  private static final ServiceId MAILSERVER = ServiceId.of("mailserver");

  @TempDir Path dataDir;

  @Test
  void nodeKeyRevokesItsRegistrationBySignatureAnyoneSubmits() throws Exception {
    try (DevnetFixture f = new DevnetFixture(dataDir)) {
      RegistryClient registry = f.devnet.registry();
      RegistryActions status = registry.as(Devnet.accounts().get(1).credentials());
      ECKeyPair nodeKey = Keys.createEcKeyPair();
      NodeId node = NodeRegistrationKeys.nodeIdOf(nodeKey);
      long expiry = System.currentTimeMillis() / 1000 + 600;
      status.registerOwnNode(nodeKey, MAILSERVER, expiry).get();
      assertTrue(registry.verify(node, MAILSERVER).get().trusted(), "registered");

      long nonce = registry.node(node).get().nonce();
      NodeRevocation revocation =
          NodeRevocation.sign(
              nodeKey,
              registry.chain().chainId(),
              registry.address(),
              Optional.of(MAILSERVER),
              nonce,
              expiry);
      byte[] onChain =
          io.waypost.contracts.WaypostRegistry.load(
                  registry.address().value(),
                  registry.chain().web3j(),
                  registry.chain().reader(),
                  RegistryClient.IGNORED_GAS)
              .nodeRevocationDigest(
                  node.toArray(),
                  MAILSERVER.toArray(),
                  BigInteger.valueOf(nonce),
                  BigInteger.valueOf(expiry))
              .send();
      assertEquals(
          Bytes32.wrap(onChain),
          NodeRevocation.digest(
              registry.chain().chainId(),
              registry.address(),
              node,
              Optional.of(MAILSERVER),
              nonce,
              expiry),
          "Java and Solidity agree on the revocation digest");

      // Submitted by an account that is neither the node's provider nor a curator.
      registry.as(Devnet.accounts().get(5).credentials()).revokeNode(revocation).get();
      assertFalse(registry.verify(node, MAILSERVER).get().trusted(), "revoked");
      assertEquals(nonce + 1, registry.node(node).get().nonce(), "unused proofs cancelled");

      f.indexer.syncOnce();
      RegistryView view = f.indexer.view();
      assertTrue(view.nodes().stream().noneMatch(n -> n.nodeId().equals(node)), "indexed");
      assertEquals("NodeProofsCancelled", view.auditTrail(1).get(0).name());
    }
  }

  @Test
  void metadataChangesWaitForACuratorAndWithdrawalVoidsNodes() throws Exception {
    try (DevnetFixture f = new DevnetFixture(dataDir)) {
      RegistryClient registry = f.devnet.registry();
      Address statusAddress = Devnet.accounts().get(1).address();
      RegistryActions status = registry.as(Devnet.accounts().get(1).credentials());
      RegistryActions curator = registry.as(Devnet.accounts().get(0).credentials());
      assertEquals(
          new RegistrySettings(Duration.ofDays(7), Duration.ofDays(7)),
          registry.settings().get(),
          "the contract's defaults");

      status.updateProvider("Status Network", "https://status.network").get();
      assertEquals("Status", registry.provider(statusAddress).get().name(), "not yet");
      ProviderUpdate proposed = registry.pendingUpdate(statusAddress).get().orElseThrow();
      assertEquals("Status Network", proposed.name());
      f.indexer.syncOnce();
      assertEquals(
          "https://status.network",
          f.indexer.view().pendingUpdates().get(statusAddress).metadataUri(),
          "the indexer sees the proposal");

      curator.acceptProviderUpdate(statusAddress, proposed.name(), proposed.metadataUri()).get();
      assertEquals("Status Network", registry.provider(statusAddress).get().name(), "accepted");
      assertTrue(registry.pendingUpdate(statusAddress).get().isEmpty());
      f.indexer.syncOnce();
      RegistryView view = f.indexer.view();
      assertEquals("Status Network", view.provider(statusAddress).orElseThrow().name());
      assertTrue(view.pendingUpdates().isEmpty(), "nothing pending once accepted");

      assertTrue(view.nodes().stream().anyMatch(n -> n.provider().equals(statusAddress)));
      status.withdrawProvider().get();
      f.indexer.syncOnce();
      assertTrue(
          f.indexer.view().nodes().stream().noneMatch(n -> n.provider().equals(statusAddress)),
          "a withdrawal voids the provider's registrations, in the index too");
    }
  }
}
