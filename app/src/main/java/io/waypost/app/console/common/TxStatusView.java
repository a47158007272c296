package io.waypost.app.console.common;

import io.waypost.app.console.UiThread;
import io.waypost.core.registry.TxOutcome;
import java.util.concurrent.CompletableFuture;
import javafx.scene.control.Label;

/**
 * The progress of a screen's last transaction: signing and sending, mined (block and hash), or
 * refused with the contract's error by name. Failures also go to the notifications.
 */
public final class TxStatusView {

  private final Label label = new Label();
  private final Notifications notifications;
  private final java.util.concurrent.atomic.AtomicLong network =
      new java.util.concurrent.atomic.AtomicLong();

  public TxStatusView(String id, Notifications notifications) {
    this.notifications = notifications;
    label.setId(id);
    label.setWrapText(true);
    label.getStyleClass().add("tx-status");
  }

  /**
   * Empties the line whenever the console connects elsewhere: a transaction of the previous network
   * is not this one's (one still in flight is not shown when it ends, but a failure is still
   * notified).
   */
  public AutoCloseable clearedOnSwitch(io.waypost.app.console.ConsoleContext context) {
    return context.onSession(
        session -> {
          network.incrementAndGet();
          UiThread.run(
              () -> {
                label.setText("");
                label.getStyleClass().removeAll("tx-pending", "tx-mined", "tx-failed");
              });
        });
  }

  public Label view() {
    return label;
  }

  public String text() {
    return label.getText();
  }

  /** Shows a step that sends nothing (yet), such as an action queued for a Safe. */
  public void note(String text) {
    set(text, "tx-pending");
  }

  /** Shows a step that is done without a transaction of this screen's own (a Safe's, say). */
  public void done(String text) {
    set(text, "tx-mined");
  }

  /** Shows {@code action}'s progress; returns the same future for chaining. */
  public CompletableFuture<TxOutcome> track(String action, CompletableFuture<TxOutcome> tx) {
    set("Signing and sending: " + action + " …", "tx-pending");
    long sentOn = network.get();
    tx.whenComplete(
        (outcome, failure) -> {
          if (network.get() != sentOn) {
            if (failure != null) {
              notifications.error(action + " failed", failure);
            }
            return;
          }
          if (failure == null) {
            set(
                action
                    + ": mined in block "
                    + outcome.blockNumber()
                    + " (tx "
                    + outcome.hash().substring(0, 10)
                    + "…)",
                "tx-mined");
          } else {
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            set(action + ": " + cause.getMessage(), "tx-failed");
            notifications.error(action + " failed", failure);
          }
        });
    return tx;
  }

  private void set(String text, String styleClass) {
    UiThread.run(
        () -> {
          label.setText(text);
          label.getStyleClass().removeAll("tx-pending", "tx-mined", "tx-failed");
          label.getStyleClass().add(styleClass);
        });
  }
}
