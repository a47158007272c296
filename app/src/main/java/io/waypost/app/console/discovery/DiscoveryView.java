package io.waypost.app.console.discovery;

import io.waypost.app.console.common.VerdictChip;
import io.waypost.core.trust.TrustVerdict;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Side;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * Lays out Discovery: the diagnose field, filters and export, the live peer table, the chosen
 * node's sheet with probe and test request, and the peers over time.
 */
final class DiscoveryView {

  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());

  final ComboBox<String> service = new ComboBox<>();
  final TableView<PeerRow> table;
  final TextField diagnoseInput = new TextField();
  final Button diagnose = new Button("Diagnose");
  final Button export = new Button("Export shown as CSV…");
  final Button probe = new Button("Probe");
  final Button request = new Button("Send encrypted test request");
  final LineChart<Number, Number> chart;
  final NumberAxis time = new NumberAxis();
  private final VBox root;

  DiscoveryView(DiscoveryModel model, Node details) {
    Label title = new Label("Discovery");
    title.getStyleClass().add("title-2");

    diagnoseInput.setId("discovery-diagnose-input");
    diagnoseInput.setPromptText(
        "A user gets no server? Paste the node's ENR, enode URL or node id and press Diagnose");
    diagnoseInput.setAccessibleText("Record or node id to diagnose");
    diagnoseInput.textProperty().bindBidirectional(model.diagnose);
    HBox.setHgrow(diagnoseInput, Priority.ALWAYS);
    diagnose.setId("discovery-diagnose");
    diagnose.setAccessibleHelp("Checks the pasted node against the registry and probes it");
    diagnose.disableProperty().bind(model.diagnose.isEmpty());
    HBox diagnoseRow = new HBox(8, diagnoseInput, diagnose);

    service.setId("discovery-service");
    service.setAccessibleText("Service");
    service.setItems(model.services);
    service.valueProperty().bindBidirectional(model.service);
    TextField search = new TextField();
    search.setId("discovery-search");
    search.setAccessibleText("Search node id, provider, address or reason");
    search.setPromptText("Search node id, provider, address, reason");
    search.textProperty().bindBidirectional(model.search);
    HBox.setHgrow(search, Priority.ALWAYS);
    ComboBox<String> verdict = new ComboBox<>();
    verdict.setId("discovery-verdict-filter");
    verdict.setAccessibleText("Show nodes with this verdict");
    verdict.getItems().add(DiscoveryModel.ALL);
    for (TrustVerdict.Kind kind : TrustVerdict.Kind.values()) {
      verdict.getItems().add(kind.name());
    }
    verdict.valueProperty().bindBidirectional(model.verdictFilter);
    export.setId("discovery-export");
    export.setAccessibleHelp("Writes the rows shown, as filtered and sorted, to a CSV file");
    Label summary = new Label();
    summary.setId("discovery-summary");
    summary.textProperty().bind(model.summary);
    HBox filters = new HBox(8, service, verdict, search, export);
    filters.setAlignment(Pos.CENTER_LEFT);

    table = new TableView<>(model.sorted);
    table.setId("discovery-table");
    table.setAccessibleText("Discovered nodes of the chosen service");
    model.sorted.comparatorProperty().bind(table.comparatorProperty());
    // Six columns that fit beside the sheet; round trip, last seen and seq are in the sheet and in
    // the export. The last column takes what is left, so none is cut short.
    table.getColumns().add(column("Node", PeerRow::shortId, 120, 105));
    table.getColumns().add(verdictColumn());
    table.getColumns().add(column("Provider", PeerRow::provider, 110, 90));
    table.getColumns().add(column("Address", PeerRow::address, 150, 140));
    table.getColumns().add(column("Source", PeerRow::foundBy, 80, 70));
    table.getColumns().add(column("Why", PeerRow::reason, 260, 150));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.setPlaceholder(new Label("Searching the discovery network …"));

    probe.setId("discovery-probe");
    request.setId("discovery-request");
    probe.setAccessibleHelp("Pings the chosen node and asks it to sign a challenge");
    probe.disableProperty().bind(model.chosen.isNull());
    request.disableProperty().bind(model.chosen.isNull());
    Label result = new Label();
    result.setId("discovery-result");
    result.setWrapText(true);
    result.textProperty().bind(model.result);
    VBox detailsPane = new VBox(8, details, new HBox(8, probe, request), result);
    detailsPane.setMinWidth(320);
    VBox.setVgrow(details, Priority.ALWAYS);

    time.setLabel("time (" + zoneName() + ")");
    time.setForceZeroInRange(false);
    // Ranged by the controller to whole seconds: auto-ranging picks half seconds, which a clock
    // shows as the same time twice.
    time.setAutoRanging(false);
    time.setMinorTickVisible(false);
    time.setTickLabelFormatter(
        new StringConverter<>() {
          @Override
          public String toString(Number seconds) {
            return CLOCK.format(Instant.ofEpochSecond(seconds.longValue()));
          }

          @Override
          public Number fromString(String text) {
            throw new UnsupportedOperationException("the axis only shows times");
          }
        });
    NumberAxis count = new NumberAxis();
    count.setLabel("nodes");
    count.setMinorTickVisible(false);
    chart = new LineChart<>(time, count);
    chart.setId("discovery-chart");
    chart.setAccessibleText("Nodes seen and trusted per service over time");
    chart.setAnimated(false);
    chart.setCreateSymbols(false);
    chart.setLegendVisible(true);
    chart.setLegendSide(Side.RIGHT);
    chart.setPrefHeight(190);
    chart.setMinHeight(160);

    SplitPane split = new SplitPane(table, detailsPane);
    // The table's six columns first; the sheet keeps at least its minimum width.
    split.setDividerPositions(0.62);
    VBox.setVgrow(split, Priority.ALWAYS);
    root = new VBox(10, title, diagnoseRow, filters, summary, split, chart);
    root.setPadding(new Insets(20));
  }

  static String zoneName() {
    return ZoneId.systemDefault().getDisplayName(TextStyle.SHORT, Locale.ROOT);
  }

  private static TableColumn<PeerRow, TrustVerdict> verdictColumn() {
    TableColumn<PeerRow, TrustVerdict> column = new TableColumn<>("Verdict");
    column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().verdict()));
    column.setComparator((a, b) -> a.kind().compareTo(b.kind()));
    column.setCellFactory(
        c ->
            new TableCell<>() {
              private final Label chip = VerdictChip.chip(TrustVerdict.Kind.UNKNOWN);

              @Override
              protected void updateItem(TrustVerdict verdict, boolean empty) {
                super.updateItem(verdict, empty);
                if (empty || verdict == null) {
                  setGraphic(null);
                  setText(null);
                  setAccessibleText(null);
                } else {
                  VerdictChip.set(chip, verdict.kind(), VerdictChip.reason(verdict));
                  setGraphic(chip);
                  setText(null);
                  setAccessibleText(chip.getAccessibleText());
                }
              }
            });
    column.setPrefWidth(118);
    column.setMinWidth(112);
    return column;
  }

  private static TableColumn<PeerRow, String> column(
      String name, Function<PeerRow, String> value, double width, double least) {
    TableColumn<PeerRow, String> column = new TableColumn<>(name);
    column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
    column.setPrefWidth(width);
    column.setMinWidth(least);
    return column;
  }

  Node root() {
    return root;
  }
}
