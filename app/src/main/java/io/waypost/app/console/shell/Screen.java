package io.waypost.app.console.shell;

import javafx.scene.Node;

/**
 * One screen's controller: it builds its model and view, binds to services while shown and lets go
 * when hidden.
 */
public interface Screen {

  Node view();

  /** The screen is shown: subscribe to services, refresh. */
  void onActivate();

  /** The screen is hidden: release subscriptions. */
  void onDeactivate();

  /** Shows what {@code focus} is about (an Overview card was opened); others are ignored. */
  default void focus(Focus focus) {}
}
