package io.waypost.app.console.activity;

import io.waypost.app.console.activity.ActivityModel.Row;
import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Lays out the Activity screen: a filter, the journal, the audit trail, CSV export. */
final class ActivityView {

  final Button exportJournal = new Button("Export transactions as CSV…");
  final Button exportAudit = new Button("Export audit trail as CSV…");
  private final VBox root;

  ActivityView(ActivityModel model) {
    Label title = new Label("Activity");
    title.getStyleClass().add("title-2");
    TextField filter = new TextField();
    filter.setId("activity-filter");
    filter.setAccessibleText("Filter the transactions and the audit trail");
    filter.setPromptText("Filter by anything: address, event, state, transaction …");
    filter.textProperty().bindBidirectional(model.filter);
    HBox.setHgrow(filter, Priority.ALWAYS);
    exportJournal.setId("activity-export-journal");
    exportAudit.setId("activity-export-audit");
    HBox tools = new HBox(8, filter, exportJournal, exportAudit);

    Label journalTitle = new Label("My transactions");
    journalTitle.getStyleClass().add("title-4");
    TableView<Row> journal =
        table("activity-journal", ActivityModel.JOURNAL_COLUMNS, model.journalSorted);
    journal.setAccessibleText("My transactions");
    Label auditTitle = new Label("Registry audit trail");
    auditTitle.getStyleClass().add("title-4");
    TableView<Row> audit = table("activity-audit", ActivityModel.AUDIT_COLUMNS, model.auditSorted);
    audit.setAccessibleText("Registry audit trail");
    VBox.setVgrow(journal, Priority.ALWAYS);
    VBox.setVgrow(audit, Priority.ALWAYS);
    root = new VBox(10, title, tools, journalTitle, journal, auditTitle, audit);
    root.setPadding(new Insets(20));
  }

  private static TableView<Row> table(String id, List<String> columns, SortedList<Row> rows) {
    TableView<Row> table = new TableView<>(rows);
    table.setId(id);
    rows.comparatorProperty().bind(table.comparatorProperty());
    for (int i = 0; i < columns.size(); i++) {
      int index = i;
      TableColumn<Row, String> column = new TableColumn<>(columns.get(i));
      column.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().cell(index)));
      column.setPrefWidth(index == 0 ? 150 : 140);
      table.getColumns().add(column);
    }
    table.setPlaceholder(new Label("Nothing yet"));
    return table;
  }

  Node root() {
    return root;
  }
}
