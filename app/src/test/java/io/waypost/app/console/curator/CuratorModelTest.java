package io.waypost.app.console.curator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.waypost.core.index.RegistryView.IndexedProvider;
import io.waypost.core.model.Address;
import io.waypost.core.model.ProviderStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The curator's filters, without a UI: JavaFX collections work without the toolkit. */
class CuratorModelTest {

  @Test
  void showsApplicationsOnlyByDefaultAndSearchesNameAndAddress() {
    CuratorModel model = new CuratorModel();
    model.providers.setAll(
        List.of(
            row("0x70997970c51812dc3a010c7d01b50e0d17dc79c8", "Status", ProviderStatus.APPROVED),
            row(
                "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc",
                "Nimbus Relay",
                ProviderStatus.PENDING),
            row(
                "0x90f79bf6eb2c4f870365e785982e1f101e93b906",
                "Old Mail Co",
                ProviderStatus.SUSPENDED)));
    assertEquals(List.of("Nimbus Relay"), names(model));
    model.pendingOnly.set(false);
    assertEquals(3, model.filtered.size());
    model.search.set("old");
    assertEquals(List.of("Old Mail Co"), names(model));
    model.search.set("0x7099");
    assertEquals(List.of("Status"), names(model));
  }

  @Test
  void aProposedMetadataUpdateAwaitsADecisionToo() {
    CuratorModel model = new CuratorModel();
    ProviderRow status =
        row("0x70997970c51812dc3a010c7d01b50e0d17dc79c8", "Status", ProviderStatus.APPROVED);
    ProviderRow proposing =
        new ProviderRow(
            status.provider(),
            Optional.of(
                new io.waypost.core.registry.ProviderUpdate(
                    status.provider().address(),
                    "Status Network",
                    "https://status.network",
                    Instant.EPOCH)));
    model.providers.setAll(List.of(status));
    assertEquals(List.of(), names(model), "nothing to decide");
    model.providers.setAll(List.of(proposing));
    assertEquals(List.of("Status"), names(model), "its update awaits a curator");
    assertEquals("Status Network \u2014 https://status.network", proposing.proposedText());
  }

  private static List<String> names(CuratorModel model) {
    return model.filtered.stream().map(ProviderRow::name).toList();
  }

  private static ProviderRow row(String address, String name, ProviderStatus status) {
    return new ProviderRow(
        new IndexedProvider(
            Address.of(address), status, name, "", Optional.empty(), Instant.EPOCH, Instant.EPOCH));
  }
}
