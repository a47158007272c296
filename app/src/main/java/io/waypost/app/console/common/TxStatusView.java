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

  public TxStatusView(String id, Notifications notifications) {
    this.notifications = notifications;
    label.setId(id);
    label.setWrapText(true);
    label.getStyleClass().add("tx-status");
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
    tx.whenComplete(
        (outcome, failure) -> {
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
