package io.waypost.app.console.common;

import io.waypost.app.console.UiThread;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * Notifications float over the window's bottom right corner: what went wrong (cause and what to
 * do), what went right, and long tasks with their progress and a Cancel button. They are an
 * overlay, so showing or dismissing one never moves the screen under it. Information fades after a
 * while; errors stay until dismissed; a task's entry leaves when the task ends.
 */
public final class Notifications {

  public enum Level {
    INFO,
    SUCCESS,
    ERROR,
    PROGRESS;

    String styleClass() {
      return "notification-" + name().toLowerCase(Locale.ROOT);
    }
  }

  private static final int MAX_SHOWN = 4;
  private final VBox box = new VBox(6);

  public Notifications() {
    box.setId("notifications");
    box.setPadding(new Insets(0, 16, 16, 16));
    box.setAlignment(Pos.BOTTOM_RIGHT);
    box.setMaxSize(440, Region.USE_PREF_SIZE);
    box.setFillWidth(true);
    // Clicks on the empty part of the overlay reach the screen beneath.
    box.setPickOnBounds(false);
  }

  /** The overlay; the shell stacks it above the screens, aligned bottom right. */
  public VBox view() {
    return box;
  }

  public void show(Level level, String title, String message) {
    UiThread.run(
        () -> {
          HBox entry = entry(level, title, message);
          if (level != Level.ERROR) {
            PauseTransition fade = new PauseTransition(Duration.seconds(8));
            fade.setOnFinished(e -> box.getChildren().remove(entry));
            fade.play();
          }
        });
  }

  /** An error from a background task: its message is written for people (see core's errors). */
  public void error(String what, Throwable failure) {
    show(Level.ERROR, what, messageOf(failure));
  }

  /**
   * Shows a long task while it runs: its title, an indeterminate progress bar and, when {@code
   * cancellable}, a Cancel button that cancels the future (the task's owner stops its work when its
   * future is cancelled). A failure stays as an error; success and cancellation leave quietly.
   */
  public <T> CompletableFuture<T> track(
      String title, String message, CompletableFuture<T> task, boolean cancellable) {
    UiThread.run(
        () -> {
          if (task.isDone()) {
            return;
          }
          HBox entry = entry(Level.PROGRESS, title, message);
          VBox text = (VBox) entry.getChildren().get(0);
          ProgressBar bar = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
          bar.setMaxWidth(Double.MAX_VALUE);
          bar.setAccessibleText(title + ": in progress");
          text.getChildren().add(bar);
          Button close = (Button) entry.getChildren().get(1);
          if (cancellable) {
            close.setText("Cancel");
            close.setAccessibleText("Cancel " + title);
            close.setOnAction(e -> task.cancel(true));
          } else {
            entry.getChildren().remove(close);
          }
          task.whenComplete(
              (value, failure) -> UiThread.run(() -> box.getChildren().remove(entry)));
        });
    task.whenComplete(
        (value, failure) -> {
          if (failure != null && !(unwrap(failure) instanceof CancellationException)) {
            error(title + " failed", failure);
          }
        });
    return task;
  }

  private HBox entry(Level level, String title, String message) {
    Label heading = new Label(title);
    heading.getStyleClass().add("notification-title");
    Label body = new Label(message);
    body.setWrapText(true);
    body.getStyleClass().add("notification-message");
    Button close = new Button("✕");
    close.getStyleClass().addAll("flat", "notification-close");
    close.setAccessibleText("Dismiss: " + title);
    VBox text = new VBox(2, heading, body);
    HBox.setHgrow(text, Priority.ALWAYS);
    HBox entry = new HBox(8, text, close);
    entry.setAlignment(Pos.TOP_LEFT);
    entry.getStyleClass().addAll("notification", level.styleClass());
    // Screen readers announce it as one piece of text: level, title and message.
    entry.setAccessibleRole(AccessibleRole.TEXT);
    entry.setAccessibleText(
        level.name().toLowerCase(Locale.ROOT) + " notification: " + title + ". " + message);
    close.setOnAction(e -> box.getChildren().remove(entry));
    box.getChildren().add(entry);
    while (box.getChildren().size() > MAX_SHOWN) {
      box.getChildren().remove(0);
    }
    return entry;
  }

  public static String messageOf(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof CancellationException) {
      return "Cancelled.";
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
