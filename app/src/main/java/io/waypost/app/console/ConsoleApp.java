package io.waypost.app.console;

import io.waypost.app.console.common.Notifications;
import io.waypost.app.console.shell.ShellController;
import io.waypost.app.console.shell.Theme;
import io.waypost.core.store.DataDirectory;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Waypost console. It shows its window at once and starts the embedded devnet in the
 * background; closing the window stops everything it started.
 */
public final class ConsoleApp extends Application {

  private static final Logger LOG = LoggerFactory.getLogger(ConsoleApp.class);
  private static final double DEFAULT_WIDTH = 1280;
  private static final double DEFAULT_HEIGHT = 860;

  private final ConsoleContext.Config preset;
  private final Clock clock;
  private ConsoleContext context;
  private ShellController shell;
  private Stage stage;
  private volatile long firstFrameMillis = -1;

  /** Used by {@code Application.launch}: configuration comes from the named parameters. */
  public ConsoleApp() {
    this(null, Clock.systemUTC());
  }

  public ConsoleApp(ConsoleContext.Config config, Clock clock) {
    this.preset = config;
    this.clock = clock;
  }

  @Override
  public void start(Stage primary) {
    this.stage = primary;
    ConsoleContext.Config config =
        preset != null ? preset : fromParameters(getParameters().getNamed());
    context = new ConsoleContext(config, clock);
    boolean dark = context.settings().get("theme").map("dark"::equals).orElse(false);
    Scene[] scene = new Scene[1];
    shell = new ShellController(context, isDark -> Theme.apply(scene[0], isDark));
    scene[0] = new Scene(shell.view(), DEFAULT_WIDTH, DEFAULT_HEIGHT);
    Theme.apply(scene[0], dark);
    shell.installShortcuts(scene[0]);
    primary.setScene(scene[0]);
    primary.setTitle("Waypost console");
    Optional.ofNullable(
            ConsoleApp.class.getResourceAsStream("/io/waypost/app/icons/waypost-256.png"))
        .ifPresent(icon -> primary.getIcons().add(new Image(icon)));
    restoreLayout(primary);
    reportFirstFrame();
    primary.show();
    shell
        .notifications()
        .track(
            "Starting the embedded devnet",
            "anvil, the registry with its sample providers, and their discovery nodes",
            context.startDevnet(),
            false)
        .thenAccept(
            session ->
                shell
                    .notifications()
                    .show(
                        Notifications.Level.INFO,
                        "Devnet ready",
                        "Registry "
                            + session.profile().registry().checksummed()
                            + " on "
                            + session.profile().rpc()));
  }

  private void reportFirstFrame() {
    new AnimationTimer() {
      @Override
      public void handle(long now) {
        stop();
        long sinceJvmStart =
            System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        firstFrameMillis = sinceJvmStart;
        LOG.info("first frame {} ms after the JVM started", sinceJvmStart);
      }
    }.start();
  }

  /** Milliseconds from JVM start to the first frame, or -1 before it. */
  public long firstFrameMillis() {
    return firstFrameMillis;
  }

  public ConsoleContext context() {
    return context;
  }

  public ShellController shell() {
    return shell;
  }

  private void restoreLayout(Stage window) {
    var settings = context.settings();
    try {
      double x = Double.parseDouble(settings.get("window.x").orElseThrow());
      double y = Double.parseDouble(settings.get("window.y").orElseThrow());
      double w = Double.parseDouble(settings.get("window.w").orElseThrow());
      double h = Double.parseDouble(settings.get("window.h").orElseThrow());
      boolean onScreen = !Screen.getScreensForRectangle(new Rectangle2D(x, y, w, h)).isEmpty();
      if (onScreen && w > 400 && h > 300) {
        window.setX(x);
        window.setY(y);
        window.setWidth(w);
        window.setHeight(h);
      }
      window.setMaximized(
          settings.get("window.maximized").map(Boolean::parseBoolean).orElse(false));
    } catch (RuntimeException noSavedLayout) {
      // first start, or a layout from a screen that is gone: use the defaults
    }
  }

  private void saveLayout() {
    var settings = context.settings();
    settings.put("window.maximized", Boolean.toString(stage.isMaximized()));
    if (!stage.isMaximized()) {
      settings.put("window.x", Double.toString(stage.getX()));
      settings.put("window.y", Double.toString(stage.getY()));
      settings.put("window.w", Double.toString(stage.getWidth()));
      settings.put("window.h", Double.toString(stage.getHeight()));
    }
  }

  @Override
  public void stop() {
    if (context == null) {
      return;
    }
    try {
      saveLayout();
    } catch (RuntimeException e) {
      LOG.warn("Could not save the window layout: {}", e.getMessage());
    }
    shell.close();
    context.close();
  }

  static ConsoleContext.Config fromParameters(Map<String, String> named) {
    Path dir = DataDirectory.resolve(Optional.ofNullable(named.get("data-dir")).map(Path::of));
    return new ConsoleContext.Config(
        dir,
        Boolean.parseBoolean(named.getOrDefault("persist-devnet", "false")),
        Boolean.parseBoolean(named.getOrDefault("devnet-discovery", "true")),
        Boolean.parseBoolean(named.getOrDefault("safe-owner", "false")),
        Optional.ofNullable(named.get("dns-server"))
            .or(() -> Optional.ofNullable(System.getenv("WAYPOST_DNS_SERVER")))
            .filter(s -> !s.isBlank()));
  }
}
