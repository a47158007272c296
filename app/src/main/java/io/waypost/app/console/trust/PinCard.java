package io.waypost.app.console.trust;

import io.waypost.core.model.NodeId;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The pin: which server is pinned and whether it works, a picker of usable servers, unpin. */
final class PinCard {

  final Label state = new Label();
  final ComboBox<ServerRow> choice = new ComboBox<>();
  final Button pin = new Button("Pin");
  final Button unpin = new Button("Unpin");
  private final VBox root;

  /** {@code onPin} is told the node to pin, or nothing to unpin. FX thread. */
  PinCard(Consumer<Optional<NodeId>> onPin) {
    Label title = new Label("Pin a server");
    title.getStyleClass().add("title-4");
    Label note =
        new Label("A pinned server wins while it works; when it fails the client falls back.");
    note.getStyleClass().add("text-muted");
    note.setWrapText(true);
    state.setId("trust-pin-state");
    state.setWrapText(true);
    choice.setId("trust-pin-choice");
    choice.setAccessibleText("Server to pin (the usable servers)");
    choice.setPromptText("Choose a usable server");
    choice.setMaxWidth(Double.MAX_VALUE);
    choice.setCellFactory(list -> cell());
    choice.setButtonCell(cell());
    HBox.setHgrow(choice, Priority.ALWAYS);
    pin.setId("trust-pin");
    pin.setAccessibleText("Pin the chosen server");
    pin.disableProperty().bind(choice.valueProperty().isNull());
    pin.setOnAction(
        e ->
            Optional.ofNullable(choice.getValue())
                .ifPresent(r -> onPin.accept(Optional.of(r.nodeId()))));
    unpin.setId("trust-unpin");
    unpin.setAccessibleText("Unpin");
    unpin.setOnAction(e -> onPin.accept(Optional.empty()));
    pin.setMinWidth(Region.USE_PREF_SIZE);
    unpin.setMinWidth(Region.USE_PREF_SIZE);
    HBox actions = new HBox(8, choice, pin, unpin);
    actions.setAlignment(Pos.CENTER_LEFT);
    root = new VBox(8, title, note, state, actions);
    root.getStyleClass().add("panel");
  }

  VBox root() {
    return root;
  }

  /** Shows the usable servers to pin and the pin's state. FX thread. */
  void show(List<ServerRow> usable, String pinState, boolean pinned) {
    state.setText(pinState);
    state.getStyleClass().removeAll("pick-chosen", "error-text");
    if (pinned) {
      state.getStyleClass().add(pinState.contains("not usable") ? "error-text" : "pick-chosen");
    }
    unpin.setDisable(!pinned);
    List<NodeId> ids = usable.stream().map(ServerRow::nodeId).toList();
    List<NodeId> shownIds = choice.getItems().stream().map(ServerRow::nodeId).toList();
    if (!ids.equals(shownIds)) {
      NodeId chosen = choice.getValue() == null ? null : choice.getValue().nodeId();
      choice.getItems().setAll(usable);
      usable.stream()
          .filter(r -> r.nodeId().equals(chosen))
          .findFirst()
          .ifPresent(choice::setValue);
    }
  }

  private static ListCell<ServerRow> cell() {
    return new ListCell<>() {
      @Override
      protected void updateItem(ServerRow row, boolean empty) {
        super.updateItem(row, empty);
        setText(empty || row == null ? null : row.label());
      }
    };
  }
}
