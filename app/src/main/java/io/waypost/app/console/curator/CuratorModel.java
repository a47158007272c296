package io.waypost.app.console.curator;

import io.waypost.core.model.ProviderStatus;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;

/**
 * The curator's state: providers (filtered, sorted), the selection, and what the account may do.
 */
final class CuratorModel {
  final ObservableList<ProviderRow> providers = FXCollections.observableArrayList();
  final FilteredList<ProviderRow> filtered = new FilteredList<>(providers, row -> true);
  final SortedList<ProviderRow> sorted = new SortedList<>(filtered);
  final BooleanProperty pendingOnly = new SimpleBooleanProperty(true);
  final StringProperty search = new SimpleStringProperty("");
  final ObjectProperty<ProviderRow> selected = new SimpleObjectProperty<>();
  final StringProperty reason = new SimpleStringProperty("");
  final BooleanProperty isCurator = new SimpleBooleanProperty(false);
  final BooleanProperty isOwner = new SimpleBooleanProperty(false);

  /** The chosen actor (account or Safe) is the registry's pending owner: it may accept. */
  final BooleanProperty isPendingOwner = new SimpleBooleanProperty(false);

  /** The owner's settings as last read from the chain, said in words; empty until read. */
  final StringProperty currentSettings = new SimpleStringProperty("");

  final StringProperty maxProofValidity = new SimpleStringProperty("");
  final StringProperty reapplyCooldown = new SimpleStringProperty("");
  final StringProperty permission = new SimpleStringProperty("");
  final ObservableList<String> curators = FXCollections.observableArrayList();
  final StringProperty newCurator = new SimpleStringProperty("");
  final StringProperty newService = new SimpleStringProperty("");
  final StringProperty newOwner = new SimpleStringProperty("");

  /** Whom actions are made as: the active account, or a Safe holding a role (then queued). */
  final ObservableList<ActingAs> actingChoices = FXCollections.observableArrayList();

  final ObjectProperty<ActingAs> actingAs = new SimpleObjectProperty<>();

  CuratorModel() {
    pendingOnly.addListener((o, a, b) -> updateFilter());
    search.addListener((o, a, b) -> updateFilter());
    updateFilter();
  }

  private void updateFilter() {
    String needle =
        search.get() == null ? "" : search.get().strip().toLowerCase(java.util.Locale.ROOT);
    filtered.setPredicate(
        row ->
            (!pendingOnly.get() || row.awaitsDecision())
                && (needle.isEmpty()
                    || row.name().toLowerCase(java.util.Locale.ROOT).contains(needle)
                    || row.address().toLowerCase(java.util.Locale.ROOT).contains(needle)));
  }

  boolean selectedIs(ProviderStatus status) {
    return selected.get() != null && selected.get().status() == status;
  }

  boolean selectedHasUpdate() {
    return selected.get() != null && selected.get().pendingUpdate().isPresent();
  }
}
