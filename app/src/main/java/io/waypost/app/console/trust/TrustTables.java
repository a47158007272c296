package io.waypost.app.console.trust;

import io.waypost.app.console.common.Copy;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/** What Trust's two tables share: columns, a height that fits the rows, updates in place. */
final class TrustTables {

  static final double ROW_HEIGHT = 40;
  private static final double HEADER_HEIGHT = 44;

  private TrustTables() {}

  static <R> TableColumn<R, String> text(
      String name, Function<R, String> value, double width, double least) {
    TableColumn<R, String> column = new TableColumn<>(name);
    column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
    // The rows come in a meaningful order (the pick first; the registry's order) and are replaced
    // on every push: a user's sort would be undone by the next one.
    column.setSortable(false);
    column.setPrefWidth(width);
    column.setMinWidth(least);
    return column;
  }

  /** A text column whose cells wrap onto a second line rather than cut a reason short. */
  static <R> TableColumn<R, String> wrapping(
      String name, Function<R, String> value, double width, double least) {
    TableColumn<R, String> column = text(name, value, width, least);
    column.setCellFactory(
        c ->
            new TableCell<>() {
              @Override
              protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setWrapText(true);
                setTooltip(empty || text == null ? null : new javafx.scene.control.Tooltip(text));
              }
            });
    return column;
  }

  /**
   * A column whose cells show {@code graphic} of the row (a chip, a toggle, a copy button) and say
   * {@code spoken} of it to a screen reader.
   */
  static <R> TableColumn<R, R> graphic(
      String name,
      Function<R, Node> graphic,
      Function<R, String> spoken,
      double width,
      double least) {
    TableColumn<R, R> column = new TableColumn<>(name);
    column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
    column.setSortable(false);
    column.setCellFactory(
        c ->
            new TableCell<>() {
              @Override
              protected void updateItem(R row, boolean empty) {
                super.updateItem(row, empty);
                setText(null);
                setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
                setGraphic(empty || row == null ? null : graphic.apply(row));
                setAccessibleText(empty || row == null ? null : spoken.apply(row));
              }
            });
    column.setPrefWidth(width);
    column.setMinWidth(least);
    return column;
  }

  /** Tall enough for every row up to {@code most}, then it scrolls. */
  static void fitRows(TableView<?> table, int least, int most) {
    table.setFixedCellSize(ROW_HEIGHT);
    table
        .prefHeightProperty()
        .bind(
            Bindings.createDoubleBinding(
                () ->
                    (Math.max(least, Math.min(most, table.getItems().size())) + 1) * ROW_HEIGHT + 4,
                table.getItems()));
    table.minHeightProperty().bind(table.prefHeightProperty());
    table.maxHeightProperty().bind(table.prefHeightProperty());
  }

  /**
   * Ctrl+C copies {@code text} of the chosen row; Space (when {@code onSpace} is given) acts on it.
   */
  static <R> void keys(
      TableView<R> table, Function<R, String> text, java.util.function.Consumer<R> onSpace) {
    table.addEventFilter(
        KeyEvent.KEY_PRESSED,
        e -> {
          R row = table.getSelectionModel().getSelectedItem();
          if (row == null) {
            return;
          }
          if (e.getCode() == KeyCode.SPACE && onSpace != null) {
            e.consume();
            onSpace.accept(row);
          } else if (e.getCode() == KeyCode.C && e.isShortcutDown()) {
            e.consume();
            Copy.toClipboard(text.apply(row));
          }
        });
  }

  /**
   * Shows {@code rows} if they differ from what is shown, keeping the selected row (by {@code key})
   * so a keyboard user working down the table does not lose their place. FX thread.
   */
  static <R, K> void show(TableView<R> table, List<R> rows, Function<R, K> key) {
    if (table.getItems().equals(rows)) {
      return;
    }
    R selected = table.getSelectionModel().getSelectedItem();
    K selectedKey = selected == null ? null : key.apply(selected);
    table.getItems().setAll(rows);
    if (selectedKey != null) {
      for (int i = 0; i < rows.size(); i++) {
        if (Objects.equals(key.apply(rows.get(i)), selectedKey)) {
          table.getSelectionModel().select(i);
          table.getFocusModel().focus(i);
        }
      }
    }
  }
}
