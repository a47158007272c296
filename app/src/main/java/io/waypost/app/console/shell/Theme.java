package io.waypost.app.console.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.Objects;
import javafx.application.Application;
import javafx.scene.Scene;

/**
 * AtlantaFX's Primer theme, light or dark, plus two stylesheets from assets/styles: the bridge that
 * gives ControlsFX controls AtlantaFX's colours (ControlsFX styles itself from Modena's looked-up
 * colours, which AtlantaFX does not define), and Waypost's own.
 */
public final class Theme {

  private Theme() {}

  public static void apply(Scene scene, boolean dark) {
    Application.setUserAgentStylesheet(
        dark
            ? new PrimerDark().getUserAgentStylesheet()
            : new PrimerLight().getUserAgentStylesheet());
    scene.getStylesheets().setAll(stylesheet("controlsfx-bridge.css"), stylesheet("waypost.css"));
  }

  private static String stylesheet(String name) {
    return Objects.requireNonNull(
            Theme.class.getResource("/io/waypost/app/styles/" + name),
            "stylesheet " + name + " is missing")
        .toExternalForm();
  }
}
