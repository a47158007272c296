package io.waypost.app.console.discovery;

import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;

/** The Discovery screen's state: the chosen service's peers, the filters, the node chosen. */
final class DiscoveryModel {
  static final String ALL = "All";
  static final String NO_NODE_CHOSEN =
      "Select a node to see its record, registry entry and every check, or paste a node's record"
          + " or id above and press Diagnose.";

  final ObservableList<PeerRow> peers = FXCollections.observableArrayList();
  final FilteredList<PeerRow> filtered = new FilteredList<>(peers, row -> true);
  final SortedList<PeerRow> sorted = new SortedList<>(filtered);
  final ObservableList<String> services = FXCollections.observableArrayList("mailserver");
  final StringProperty service = new SimpleStringProperty("mailserver");
  final StringProperty search = new SimpleStringProperty("");
  final StringProperty verdictFilter = new SimpleStringProperty(ALL);
  final StringProperty diagnose = new SimpleStringProperty("");
  final StringProperty result = new SimpleStringProperty("");

  /** The node the user chose, as of the latest refresh; empty while it is not a live peer. */
  final ObjectProperty<PeerRow> chosen = new SimpleObjectProperty<>();

  final StringProperty summary = new SimpleStringProperty("");

  DiscoveryModel() {
    search.addListener((o, a, b) -> updateFilter());
    verdictFilter.addListener((o, a, b) -> updateFilter());
  }

  private void updateFilter() {
    String needle = search.get() == null ? "" : search.get().strip().toLowerCase(Locale.ROOT);
    String verdict = verdictFilter.get() == null ? ALL : verdictFilter.get();
    filtered.setPredicate(
        row ->
            (ALL.equals(verdict) || row.verdictText().equals(verdict))
                && (needle.isEmpty()
                    || row.nodeId().contains(needle)
                    || row.provider().toLowerCase(Locale.ROOT).contains(needle)
                    || row.address().contains(needle)
                    || row.foundBy().toLowerCase(Locale.ROOT).contains(needle)
                    || row.reason().toLowerCase(Locale.ROOT).contains(needle)));
  }
}
