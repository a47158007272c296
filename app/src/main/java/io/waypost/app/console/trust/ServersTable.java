package io.waypost.app.console.trust;

import io.waypost.app.console.common.Copy;
import io.waypost.app.console.common.VerdictChip;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;

/**
 * The chosen service's servers as a client sees them now: verdict chip, name, node id (with copy),
 * round trip, source, what the pick rule makes of each, and why. Ctrl+C copies the selected id.
 */
final class ServersTable {

  private ServersTable() {}

  static TableView<ServerRow> build() {
    TableView<ServerRow> table = new TableView<>();
    table.setId("trust-servers");
    table.setAccessibleText("Servers of the chosen service as a client sees them now");
    table.setAccessibleHelp("Ctrl+C copies the selected server's node id");
    table.setPlaceholder(new Label("No server of this service found yet: discovery is searching."));
    table
        .getColumns()
        .add(
            TrustTables.graphic(
                "Verdict",
                row -> {
                  Label chip = VerdictChip.chip(row.verdict().kind());
                  VerdictChip.set(chip, row.verdict().kind(), row.reason());
                  return chip;
                },
                row -> "Verdict " + VerdictChip.title(row.verdict().kind()),
                104,
                100));
    table.getColumns().add(TrustTables.text("Server", ServerRow::name, 150, 110));
    table
        .getColumns()
        .add(
            TrustTables.graphic(
                "Node", ServersTable::nodeId, row -> "Node " + row.nodeId(), 178, 170));
    table.getColumns().add(TrustTables.text("Round trip", ServerRow::rtt, 92, 84));
    table.getColumns().add(TrustTables.text("Source", ServerRow::source, 112, 90));
    table
        .getColumns()
        .add(TrustTables.graphic("Pick", ServersTable::pick, ServerRow::pick, 120, 110));
    table.getColumns().add(TrustTables.wrapping("Why", ServerRow::reason, 260, 160));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    TrustTables.fitRows(table, 3, 8);
    TrustTables.keys(table, row -> row.nodeId().toString(), null);
    return table;
  }

  private static HBox nodeId(ServerRow row) {
    Label shortened = new Label(row.shortId());
    shortened.getStyleClass().add("sheet-value");
    var copy = Copy.button("node id of " + row.name(), row.nodeId().toString());
    copy.setFocusTraversable(false);
    HBox box = new HBox(6, shortened, copy);
    box.setAlignment(Pos.CENTER_LEFT);
    return box;
  }

  private static Label pick(ServerRow row) {
    Label pick = new Label(row.pick());
    pick.getStyleClass().add(row.rank() == 0 ? "pick-chosen" : "pick-other");
    return pick;
  }
}
