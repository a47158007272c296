package io.waypost.app.console.common;

import javafx.scene.TraversalDirection;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/** Keyboard paths the controls do not give by themselves. */
public final class Keyboard {

  private Keyboard() {}

  /**
   * Tab and Shift+Tab leave a text area as they leave every other field, instead of typing a tab:
   * otherwise a keyboard user who enters the area cannot get out. Pasted text keeps its tabs.
   */
  public static TextArea tabLeaves(TextArea area) {
    area.addEventFilter(
        KeyEvent.KEY_PRESSED,
        e -> {
          if (e.getCode() == KeyCode.TAB && !e.isControlDown() && !e.isAltDown()) {
            e.consume();
            area.requestFocusTraversal(
                e.isShiftDown() ? TraversalDirection.PREVIOUS : TraversalDirection.NEXT);
          }
        });
    return area;
  }
}
