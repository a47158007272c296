package io.waypost.app.console.shell;

import javafx.scene.input.KeyCode;

/** The console's screens, in sidebar order, with their keyboard shortcuts (Ctrl+digit). */
public enum NavigationTarget {
  OVERVIEW("Overview", KeyCode.DIGIT1),
  CURATOR("Curator", KeyCode.DIGIT2),
  PROVIDER("Provider", KeyCode.DIGIT3),
  ACTIVITY("Activity", KeyCode.DIGIT4),
  DISCOVERY("Discovery", KeyCode.DIGIT5),
  TRUST("Trust", KeyCode.DIGIT6),
  SETTINGS("Settings", KeyCode.DIGIT7);

  private final String title;
  private final KeyCode shortcut;

  NavigationTarget(String title, KeyCode shortcut) {
    this.title = title;
    this.shortcut = shortcut;
  }

  public String title() {
    return title;
  }

  public KeyCode shortcut() {
    return shortcut;
  }

  /** The shortcut as people read it: "Ctrl+1". */
  public String keys() {
    return "Ctrl+" + shortcut.getChar();
  }

  /** The node id of the sidebar button, for tests and accessibility tools. */
  public String buttonId() {
    return "nav-" + name().toLowerCase(java.util.Locale.ROOT);
  }
}
