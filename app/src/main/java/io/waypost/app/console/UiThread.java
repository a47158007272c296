package io.waypost.app.console;

import javafx.application.Platform;

/**
 * The one way service results reach the UI: on the FX thread, inline if already there. Every
 * service-to-UI update goes through here, so no screen touches a node from a worker thread.
 */
public final class UiThread {

  private UiThread() {}

  public static void run(Runnable work) {
    if (Platform.isFxApplicationThread()) {
      work.run();
    } else {
      Platform.runLater(work);
    }
  }
}
