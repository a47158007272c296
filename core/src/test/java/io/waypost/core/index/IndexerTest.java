package io.waypost.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.core.devnet.Devnet;
import io.waypost.core.index.RegistryView.IndexedNode;
import io.waypost.core.index.RegistryView.IndexedProvider;
import io.waypost.core.model.Address;
import io.waypost.core.model.ProviderStatus;
import io.waypost.core.registry.ProviderRecord;
import io.waypost.core.registry.RegistryClient;
import io.waypost.core.registry.Verification;
import io.waypost.core.testing.DevnetFixture;
import io.waypost.core.testing.Eventually;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexerTest {

  @TempDir Path dataDir;

  @Test
  void indexedStateEqualsTheContractsViews() throws Exception {
    try (DevnetFixture f = new DevnetFixture(dataDir)) {
      int events = f.indexer.syncOnce();
      assertEquals(20, events, "every event of the seed");
      assertInstanceOf(IndexerState.Synced.class, f.indexer.state());
      RegistryView view = f.indexer.view();
      RegistryClient registry = f.devnet.registry();

      List<Address> onChain = registry.providers().get();
      assertEquals(onChain, view.providers().stream().map(IndexedProvider::address).toList());
      for (IndexedProvider indexed : view.providers()) {
        ProviderRecord record = registry.provider(indexed.address()).get();
        assertEquals(record.status(), indexed.status(), "status of " + indexed.address());
        assertEquals(record.name(), indexed.name());
        assertEquals(record.metadataUri(), indexed.metadataUri());
        assertEquals(record.updatedAt(), indexed.updatedAt());
      }
      assertEquals(8, view.nodes().size(), "registered devnet nodes");
      for (IndexedNode node : view.nodes()) {
        Verification v = registry.verify(node.nodeId(), node.serviceId()).get();
        assertEquals(node.provider(), v.provider().orElseThrow(), "provider of " + node.nodeId());
      }
      assertEquals(new HashSet<>(registry.curators().get()), new HashSet<>(view.curators()));
      assertEquals(registry.owner().get(), view.owner().orElseThrow());
      assertEquals(
          Set.copyOf(
              registry.services().get().stream().map(RegistryClient.ServiceEntry::name).toList()),
          Set.copyOf(view.services().values()));
      IndexedProvider suspended = view.provider(Devnet.accounts().get(3).address()).orElseThrow();
      assertEquals(ProviderStatus.SUSPENDED, suspended.status());
      assertTrue(suspended.statusReason().orElseThrow().contains("stale"), "reason kept");

      IndexedEvent latest = view.auditTrail(1).get(0);
      assertEquals("ProviderSuspended", latest.name());
      assertEquals(Devnet.accounts().get(0).address().value(), latest.actor().orElseThrow());

      IndexedNode node =
          view.nodes().stream()
              .filter(n -> n.provider().equals(suspended.address()))
              .findFirst()
              .orElseThrow();
      List<IndexedEvent> history =
          view.nodeHistory(node.nodeId(), Optional.of(suspended.address()), 20);
      List<IndexedEvent> fromTheWholeTrail =
          view.auditTrail(5000).stream()
              .filter(
                  e ->
                      e.nodeId().map(node.nodeId().toString()::equals).orElse(false)
                          || (e.nodeId().isEmpty()
                              && e.subject()
                                  .map(suspended.address().value()::equals)
                                  .orElse(false)))
              .toList();
      assertEquals(fromTheWholeTrail, history, "the indexed query finds what a scan finds");
      assertEquals(
          List.of("ProviderSuspended", "NodeRegistered", "ProviderApproved", "ProviderApplied"),
          history.stream().map(IndexedEvent::name).distinct().toList(),
          "the node's registration and its provider's story, newest first");
      assertEquals(
          List.of("NodeRegistered"),
          view.nodeHistory(node.nodeId(), Optional.empty(), 20).stream()
              .map(IndexedEvent::name)
              .toList(),
          "without a provider only the node's own events");
    }
  }

  @Test
  void followsNewBlocksAndTellsListeners() throws Exception {
    try (DevnetFixture f = new DevnetFixture(dataDir)) {
      List<IndexedEvent> seen = new CopyOnWriteArrayList<>();
      f.indexer.addListener(update -> seen.addAll(update.events()));
      f.indexer.start();
      Eventually.await(
          "the seed is indexed",
          Duration.ofSeconds(10),
          () -> f.indexer.state() instanceof IndexerState.Synced && !seen.isEmpty());
      Address pending = Devnet.accounts().get(2).address();
      f.devnet.registry().as(Devnet.accounts().get(0).credentials()).approveProvider(pending).get();
      Eventually.await(
          "the approval is indexed",
          Duration.ofSeconds(10),
          () ->
              f.indexer
                  .view()
                  .provider(pending)
                  .map(p -> p.status() == ProviderStatus.APPROVED)
                  .orElse(false));
      assertTrue(
          seen.stream()
              .anyMatch(
                  e ->
                      e.name().equals("ProviderApproved")
                          && e.subject().orElseThrow().equals(pending.value())));
    }
  }
}
