package io.waypost.app.console.activity;

import java.util.List;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;

/** The transaction journal and the registry's audit trail, both filterable by one search box. */
final class ActivityModel {

  /** A row of either table: its cells in column order. */
  record Row(List<String> cells) {
    String cell(int i) {
      return i < cells.size() ? cells.get(i) : "";
    }

    boolean matches(String needle) {
      return needle.isEmpty()
          || cells.stream()
              .anyMatch(c -> c != null && c.toLowerCase(java.util.Locale.ROOT).contains(needle));
    }
  }

  static final List<String> JOURNAL_COLUMNS =
      List.of("Time", "Action", "State", "From", "Transaction", "Error");
  static final List<String> AUDIT_COLUMNS =
      List.of(
          "Time",
          "Block",
          "Event",
          "By",
          "Provider / curator",
          "Node",
          "Service",
          "Details",
          "Transaction");

  final ObservableList<Row> journal = FXCollections.observableArrayList();
  final ObservableList<Row> audit = FXCollections.observableArrayList();
  final FilteredList<Row> journalFiltered = new FilteredList<>(journal);
  final FilteredList<Row> auditFiltered = new FilteredList<>(audit);
  final SortedList<Row> journalSorted = new SortedList<>(journalFiltered);
  final SortedList<Row> auditSorted = new SortedList<>(auditFiltered);
  final StringProperty filter = new SimpleStringProperty("");

  ActivityModel() {
    filter.addListener(
        (o, a, b) -> {
          String needle = b == null ? "" : b.strip().toLowerCase(java.util.Locale.ROOT);
          journalFiltered.setPredicate(row -> row.matches(needle));
          auditFiltered.setPredicate(row -> row.matches(needle));
        });
  }
}
