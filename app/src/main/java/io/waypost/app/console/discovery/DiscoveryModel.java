package io.waypost.app.console.discovery;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.scene.chart.XYChart;

/** The Discovery screen's state: the chosen service's peers, filters, the details of one. */
final class DiscoveryModel {
  final ObservableList<PeerRow> peers = FXCollections.observableArrayList();
  final FilteredList<PeerRow> filtered = new FilteredList<>(peers, row -> true);
  final SortedList<PeerRow> sorted = new SortedList<>(filtered);
  final StringProperty service = new SimpleStringProperty("mailserver");
  final StringProperty search = new SimpleStringProperty("");
  final StringProperty verdictFilter = new SimpleStringProperty("All");
  static final String NO_NODE_CHOSEN =
      "Select a node to see its record, registry entry and every check.";
  final StringProperty details = new SimpleStringProperty(NO_NODE_CHOSEN);
  final StringProperty result = new SimpleStringProperty("");

  /** The node the user chose, as of the latest refresh; empty while it is not a live peer. */
  final ObjectProperty<PeerRow> chosen = new SimpleObjectProperty<>();

  final StringProperty summary = new SimpleStringProperty("");
  final XYChart.Series<Number, Number> peerSeries = new XYChart.Series<>();
  final XYChart.Series<Number, Number> trustedSeries = new XYChart.Series<>();

  DiscoveryModel() {
    peerSeries.setName("peers");
    trustedSeries.setName("trusted");
    search.addListener((o, a, b) -> updateFilter());
    verdictFilter.addListener((o, a, b) -> updateFilter());
  }

  private void updateFilter() {
    String needle = search.get() == null ? "" : search.get().strip().toLowerCase();
    String verdict = verdictFilter.get();
    filtered.setPredicate(
        row ->
            ("All".equals(verdict) || row.verdictText().equals(verdict))
                && (needle.isEmpty()
                    || row.nodeId().contains(needle)
                    || row.provider().toLowerCase().contains(needle)
                    || row.address().contains(needle)
                    || row.failing().toLowerCase().contains(needle)));
  }
}
