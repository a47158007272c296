package io.waypost.app.console.common;

import io.waypost.core.network.NetworkSession;
import java.util.List;
import javafx.scene.control.ComboBox;

/** A screen's service picker, listing the services the current session's registry has. */
public final class ServiceChoice {

  private ServiceChoice() {}

  /** The services the session's registry lists, by name. */
  public static List<String> names(NetworkSession session) {
    return session.view().services().values().stream().sorted().toList();
  }

  /** Shows {@code names}, keeping the choice if it is still there, else the first. FX thread. */
  public static void show(ComboBox<String> picker, List<String> names) {
    if (names.isEmpty() || picker.getItems().equals(names)) {
      return;
    }
    String chosen = picker.getValue();
    picker.getItems().setAll(names);
    picker.setValue(names.contains(chosen) ? chosen : names.get(0));
  }
}
