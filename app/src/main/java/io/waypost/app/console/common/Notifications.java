package io.waypost.app.console.common;

import io.waypost.app.console.UiThread;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * Notifications at the bottom of the window: what went wrong (cause and what to do) or what went
 * right. Information fades after a while; errors stay until dismissed.
 */
public final class Notifications {

  public enum Level {
    INFO,
    SUCCESS,
    ERROR
  }

  private final VBox box = new VBox(6);

  public Notifications() {
    box.setId("notifications");
    box.setPadding(new Insets(0, 12, 8, 12));
  }

  public VBox view() {
    return box;
  }

  public void show(Level level, String title, String message) {
    UiThread.run(
        () -> {
          Label heading = new Label(title);
          heading.getStyleClass().add("notification-title");
          Label body = new Label(message);
          body.setWrapText(true);
          body.getStyleClass().add("notification-message");
          Button close = new Button("✕");
          close.getStyleClass().addAll("flat", "notification-close");
          VBox text = new VBox(2, heading, body);
          HBox.setHgrow(text, Priority.ALWAYS);
          HBox entry = new HBox(8, text, close);
          entry.setAlignment(Pos.TOP_LEFT);
          entry
              .getStyleClass()
              .addAll("notification", "notification-" + level.name().toLowerCase());
          close.setOnAction(e -> box.getChildren().remove(entry));
          box.getChildren().add(entry);
          while (box.getChildren().size() > 4) {
            box.getChildren().remove(0);
          }
          if (level != Level.ERROR) {
            PauseTransition fade = new PauseTransition(Duration.seconds(8));
            fade.setOnFinished(e -> box.getChildren().remove(entry));
            fade.play();
          }
        });
  }

  /** An error from a background task: its message is written for people (see core's errors). */
  public void error(String what, Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof java.util.concurrent.CompletionException
            || cause instanceof java.util.concurrent.ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    String message =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    show(Level.ERROR, what, message);
  }
}
