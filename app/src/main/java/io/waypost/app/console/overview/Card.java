package io.waypost.app.console.overview;

import java.util.List;
import javafx.scene.AccessibleAction;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.VBox;

/**
 * One Overview card: a title, the figure that answers its question, a few lines, and a tone (good,
 * attention, bad). It acts as a button: a click, Enter or Space (or a screen reader's "press")
 * opens the screen that acts on it; Tab reaches it; a screen reader reads it as one sentence. It is
 * the same node across updates, so the focus stays where the user left it.
 */
final class Card extends VBox {

  static final double WIDTH = 300;
  private static final List<String> TONES = List.of("card-good", "card-attention", "card-bad");

  private final Label title = new Label();
  private final Label figure = new Label();
  private final VBox lines = new VBox(4);
  private Runnable open = () -> {};

  Card(String id) {
    super(4);
    setId(id);
    getStyleClass().add("card");
    title.getStyleClass().add("card-title");
    figure.getStyleClass().add("card-figure");
    figure.setId(id + "-figure");
    getChildren().setAll(title, figure, lines);
    setPrefWidth(WIDTH);
    setMinWidth(WIDTH);
    setMaxWidth(WIDTH);
    setFocusTraversable(true);
    setAccessibleRole(AccessibleRole.BUTTON);
    addEventHandler(
        MouseEvent.MOUSE_CLICKED,
        e -> {
          if (e.getButton() == MouseButton.PRIMARY) {
            requestFocus();
            open.run();
          }
        });
    addEventHandler(
        KeyEvent.KEY_PRESSED,
        e -> {
          if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE) {
            e.consume();
            open.run();
          }
        });
  }

  /** What opening the card does. */
  void onOpen(Runnable action, String opens) {
    this.open = action;
    setAccessibleHelp("Opens " + opens);
  }

  void fill(String heading, String answer, String tone, List<String> detail) {
    title.setText(heading);
    figure.setText(answer);
    figure.setVisible(!answer.isEmpty());
    figure.setManaged(!answer.isEmpty());
    lines.getChildren().clear();
    for (String line : detail) {
      Label text = new Label(line);
      text.setWrapText(true);
      text.getStyleClass().add("text-muted");
      lines.getChildren().add(text);
    }
    getStyleClass().removeAll(TONES);
    if (!tone.isEmpty()) {
      getStyleClass().add(tone);
    }
    setAccessibleText(
        heading + (answer.isEmpty() ? "" : ": " + answer) + ". " + String.join(". ", detail));
  }

  @Override
  public void executeAccessibleAction(AccessibleAction action, Object... parameters) {
    if (action == AccessibleAction.FIRE) {
      open.run();
    } else {
      super.executeAccessibleAction(action, parameters);
    }
  }
}
