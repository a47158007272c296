package io.waypost.app.console.discovery;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Lays out Discovery: filters, the live peer table, details, probe and test request, the chart. */
final class DiscoveryView {

  final ComboBox<String> service = new ComboBox<>();
  final TableView<PeerRow> table;
  final Button probe = new Button("Probe");
  final Button request = new Button("Send encrypted test request");
  final LineChart<Number, Number> chart;
  private final VBox root;

  DiscoveryView(DiscoveryModel model) {
    Label title = new Label("Discovery");
    title.getStyleClass().add("title-2");
    service.setId("discovery-service");
    service.valueProperty().bindBidirectional(model.service);
    TextField search = new TextField();
    search.setId("discovery-search");
    search.setPromptText("Search node id, provider, address, failing check");
    search.textProperty().bindBidirectional(model.search);
    HBox.setHgrow(search, Priority.ALWAYS);
    ComboBox<String> verdict = new ComboBox<>();
    verdict.setId("discovery-verdict-filter");
    verdict.getItems().setAll("All", "TRUSTED", "CUSTOM", "UNTRUSTED", "UNKNOWN");
    verdict.valueProperty().bindBidirectional(model.verdictFilter);
    Label summary = new Label();
    summary.setId("discovery-summary");
    summary.textProperty().bind(model.summary);
    HBox filters = new HBox(8, service, verdict, search);

    table = new TableView<>(model.sorted);
    table.setId("discovery-table");
    model.sorted.comparatorProperty().bind(table.comparatorProperty());
    table.getColumns().add(column("Node", PeerRow::shortId, 130));
    table.getColumns().add(column("Verdict", PeerRow::verdictText, 100));
    table.getColumns().add(column("Provider", PeerRow::provider, 120));
    table.getColumns().add(column("Address", PeerRow::address, 150));
    table.getColumns().add(column("Seq", PeerRow::seq, 50));
    table.getColumns().add(column("Found by", PeerRow::foundBy, 100));
    table.getColumns().add(column("RTT", PeerRow::rtt, 70));
    table.getColumns().add(column("Last seen", PeerRow::lastSeenText, 90));
    table.getColumns().add(column("Failing checks", PeerRow::failing, 420));
    table.setPlaceholder(new Label("Searching the discovery network …"));

    TextArea details = new TextArea();
    details.setId("discovery-details");
    details.setEditable(false);
    details.textProperty().bind(model.details);
    details.getStyleClass().add("monospace");
    probe.setId("discovery-probe");
    request.setId("discovery-request");
    probe.disableProperty().bind(model.chosen.isNull());
    request.disableProperty().bind(model.chosen.isNull());
    Label result = new Label();
    result.setId("discovery-result");
    result.setWrapText(true);
    result.textProperty().bind(model.result);
    VBox detailsPane = new VBox(8, details, new HBox(8, probe, request), result);
    VBox.setVgrow(details, Priority.ALWAYS);

    NumberAxis time = new NumberAxis();
    time.setLabel("seconds");
    time.setForceZeroInRange(false);
    NumberAxis count = new NumberAxis();
    count.setLabel("nodes");
    chart = new LineChart<>(time, count);
    chart.setId("discovery-chart");
    chart.setAnimated(false);
    chart.setCreateSymbols(false);
    chart.getData().add(model.peerSeries);
    chart.getData().add(model.trustedSeries);
    chart.setPrefHeight(170);
    chart.setMinHeight(150);

    SplitPane split = new SplitPane(table, detailsPane);
    split.setDividerPositions(0.62);
    VBox.setVgrow(split, Priority.ALWAYS);
    root = new VBox(10, title, filters, summary, split, chart);
    root.setPadding(new Insets(20));
  }

  private static TableColumn<PeerRow, String> column(
      String name, Function<PeerRow, String> value, double width) {
    TableColumn<PeerRow, String> column = new TableColumn<>(name);
    column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
    column.setPrefWidth(width);
    return column;
  }

  Node root() {
    return root;
  }
}
