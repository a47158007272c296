package io.waypost.app.console.common;

import javafx.scene.control.Button;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.Region;

/** Puts text on the clipboard: ids, records and addresses a user pastes into a ticket. */
public final class Copy {

  private Copy() {}

  /** FX thread. */
  public static void toClipboard(String text) {
    ClipboardContent clip = new ClipboardContent();
    clip.putString(text);
    Clipboard.getSystemClipboard().setContent(clip);
  }

  /** A small "Copy" button; {@code what} names it for screen readers ("Copy address of Status"). */
  public static Button button(String what, String text) {
    Button copy = new Button("Copy");
    copy.getStyleClass().add("small");
    copy.setAccessibleText("Copy " + what);
    copy.setOnAction(e -> toClipboard(text));
    copy.setMinWidth(Region.USE_PREF_SIZE);
    return copy;
  }
}
