package io.waypost.app.console.overview;

import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** Lays out the Overview: the network, the index's freshness and the registry's counts. */
final class OverviewView {

  private final VBox root;

  OverviewView(OverviewModel model) {
    GridPane grid = new GridPane();
    grid.setHgap(16);
    grid.setVgap(10);
    int row = 0;
    row = add(grid, row, "Network", "overview-network", model.network);
    row = add(grid, row, "Chain id", "overview-chain", model.chainId);
    row = add(grid, row, "Head block", "overview-head", model.headBlock);
    row = add(grid, row, "Registry", "overview-registry", model.registry);
    row = add(grid, row, "Index", "overview-indexer", model.indexer);
    row = add(grid, row, "Providers", "overview-providers", model.providers);
    row = add(grid, row, "Nodes", "overview-nodes", model.nodes);
    row = add(grid, row, "Acting as", "overview-account", model.account);
    row = add(grid, row, "Discovery", "overview-discovery", model.discovery);
    javafx.scene.control.TextField enr = new javafx.scene.control.TextField();
    enr.setId("overview-enr");
    enr.setEditable(false);
    enr.textProperty().bind(model.discoveryEnr);
    enr.setPrefColumnCount(60);
    Label enrKey = new Label("Console's node (ENR)");
    enrKey.getStyleClass().add("text-muted");
    grid.addRow(row, enrKey, enr);
    Label title = new Label("Overview");
    title.getStyleClass().add("title-2");
    root = new VBox(16, title, grid);
    root.setPadding(new Insets(20));
  }

  private static int add(GridPane grid, int row, String name, String id, StringProperty value) {
    Label key = new Label(name);
    key.getStyleClass().add("text-muted");
    Label shown = new Label();
    shown.setId(id);
    shown.textProperty().bind(value);
    shown.setWrapText(true);
    grid.addRow(row, key, shown);
    return row + 1;
  }

  Node root() {
    return root;
  }
}
