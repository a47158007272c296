package io.waypost.app.console;

import io.waypost.core.index.IndexerState;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.embed.swing.SwingFXUtils;
import javafx.event.EventHandler;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseEvent;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real console on the embedded devnet, under TestFX on JavaFX's own headless platform. Each
 * fixture has its own data directory and devnet; closing it closes the window, which stops both.
 */
final class ConsoleFixture implements AutoCloseable {

  final ConsoleApp app;
  final FxRobot robot = new FxRobot();

  ConsoleFixture(Path dataDir) throws Exception {
    this(dataDir, false);
  }

  /**
   * @param discovery whether the devnet's discovery network starts too (part 2's screens)
   */
  ConsoleFixture(Path dataDir, boolean discovery) throws Exception {
    this(new ConsoleContext.Config(dataDir, false, discovery));
  }

  /** The console with {@code config}'s devnet (with a Safe holding its registry, say). */
  ConsoleFixture(ConsoleContext.Config config) throws Exception {
    FxToolkit.registerPrimaryStage();
    app = (ConsoleApp) FxToolkit.setupApplication(() -> new ConsoleApp(config, Clock.systemUTC()));
    waitUntil(
        "the devnet is up and indexed",
        60,
        () ->
            app.context()
                .session()
                .map(
                    s ->
                        s.indexer().state() instanceof IndexerState.Synced
                            && s.view().providers().size() == 4)
                .orElse(false));
  }

  ConsoleContext context() {
    return app.context();
  }

  void navigate(String target) {
    robot.clickOn("#nav-" + target);
    WaitForAsyncUtils.waitForFxEvents();
  }

  /** Clicks the table cell that shows exactly {@code text} (not a header or a label elsewhere). */
  void clickCell(String text) {
    // Only a cell in the table's viewport: a table keeps spare cells that still hold old text
    // (hidden, or one used to measure rows), and a live table may move a row between finding and
    // clicking it, so the click is checked.
    for (int attempt = 1; ; attempt++) {
      // A row that is in the table's items is drawn at the next pulse: wait for its cell.
      java.util.concurrent.atomic.AtomicReference<TableCell<?, ?>> found =
          new java.util.concurrent.atomic.AtomicReference<>();
      waitUntil(
          "a table shows a cell '" + text + "'",
          15,
          () -> {
            WaitForAsyncUtils.waitFor(
                WaitForAsyncUtils.asyncFx(
                    () ->
                        robot
                            .lookup(".table-cell")
                            .match(LabeledMatchers.hasText(text))
                            .queryAllAs(TableCell.class)
                            .stream()
                            .filter(ConsoleFixture::inViewport)
                            .findFirst()
                            .ifPresent(found::set)));
            return found.get() != null;
          });
      TableCell<?, ?> cell = found.get();
      robot.clickOn(cell);
      WaitForAsyncUtils.waitForFxEvents();
      boolean selected =
          WaitForAsyncUtils.waitFor(
              WaitForAsyncUtils.asyncFx(
                  () ->
                      text.equals(cell.getText())
                          && cell.getTableRow() != null
                          && cell.getTableRow().isSelected()));
      if (selected) {
        return;
      }
      if (attempt == 3) {
        throw new AssertionError("Clicking the cell '" + text + "' did not select its row");
      }
    }
  }

  /** Whether a cell is shown: it and its parents visible, its centre in its table's viewport. */
  private static boolean inViewport(TableCell<?, ?> cell) {
    for (Node at = cell; at != null; at = at.getParent()) {
      if (!at.isVisible()) {
        return false;
      }
    }
    if (cell.isEmpty() || cell.getTableView() == null) {
      return false;
    }
    Node viewport = cell.getTableView().lookup(".clipped-container");
    Bounds port = viewport == null ? null : viewport.localToScreen(viewport.getBoundsInLocal());
    Bounds own = cell.localToScreen(cell.getBoundsInLocal());
    return port != null && own != null && port.contains(own.getCenterX(), own.getCenterY());
  }

  /**
   * Clicks a button as a user does. TestFX aims where the button was when the pointer set off; on a
   * loaded machine a live screen's layout moved it meanwhile (seen once, 62 px) and the press
   * landed beside it. A scene filter sees where the press landed and such a click is made again. A
   * press that reached the button counts, so a click the screen swallows still fails the test.
   */
  void clickButton(String query) {
    Node button = robot.lookup(query).query();
    scrollIntoView(button);
    for (int attempt = 1; ; attempt++) {
      AtomicReference<Node> pressed = new AtomicReference<>();
      EventHandler<MouseEvent> filter =
          e -> pressed.compareAndSet(null, e.getPickResult().getIntersectedNode());
      // The scene as it is now: a click may take the button out of it (a card that navigates).
      Scene scene = WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(button::getScene));
      robot.interact(() -> scene.addEventFilter(MouseEvent.MOUSE_PRESSED, filter));
      try {
        robot.clickOn(button);
      } catch (RuntimeException e) {
        // The screen grew between the scroll and the pointer setting off (a table's rows
        // arrived), and the button left the scroll pane's view: bring it back and click again.
        if (!(e.getCause() instanceof org.testfx.service.locator.BoundsLocatorException)
            || attempt == 3) {
          throw e;
        }
        scrollIntoView(button);
        continue;
      } finally {
        robot.interact(() -> scene.removeEventFilter(MouseEvent.MOUSE_PRESSED, filter));
      }
      for (Node at = pressed.get(); at != null; at = at.getParent()) {
        if (at == button) {
          return;
        }
      }
      if (attempt == 3) {
        throw new AssertionError(
            "Three presses meant for " + query + " landed beside it, last on " + pressed.get());
      }
      dismissNotificationAt(pressed.get());
      scrollIntoView(button);
    }
  }

  /**
   * A notification sits over the bottom right of the window (an info fades after 8 s, an error
   * stays): when a press meant for a button landed on one, close it (its close button, fired: not
   * the subject of any test) before the next try.
   */
  private void dismissNotificationAt(Node pressed) {
    for (Node at = pressed; at != null; at = at.getParent()) {
      if (at.getStyleClass().contains("notification")) {
        Node close = at.lookup(".notification-close");
        // It may have faded meanwhile: then there is nothing left to close.
        robot.interact(
            () -> {
              if (close instanceof javafx.scene.control.ButtonBase button
                  && button.getScene() != null) {
                button.fire();
              }
            });
        return;
      }
    }
  }

  /** Clicks a field or control, scrolled into view first (a screen taller than the window). */
  org.testfx.api.FxRobotInterface clickOn(String query) {
    scrollIntoView(robot.lookup(query).query());
    return robot.clickOn(query);
  }

  /** Scrolls the scroll pane that holds {@code node}, if any, so that the node is in view. */
  void scrollIntoView(Node node) {
    robot.interact(
        () -> {
          for (Node at = node.getParent(); at != null; at = at.getParent()) {
            if (at instanceof javafx.scene.control.ScrollPane pane && pane.getContent() != null) {
              Node content = pane.getContent();
              Bounds inContent = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
              double viewport = pane.getViewportBounds().getHeight();
              double hidden = content.getBoundsInLocal().getHeight() - viewport;
              if (hidden > 0) {
                double shownTop = pane.getVvalue() * hidden;
                if (inContent.getMinY() < shownTop) {
                  pane.setVvalue(inContent.getMinY() / hidden);
                } else if (inContent.getMaxY() > shownTop + viewport) {
                  pane.setVvalue(Math.min(1, (inContent.getMaxY() - viewport) / hidden));
                }
              }
              return;
            }
          }
        });
    WaitForAsyncUtils.waitForFxEvents();
  }

  /** Waits until {@code condition}, read on the FX thread, holds. */
  void waitForFx(String what, int seconds, java.util.concurrent.Callable<Boolean> condition) {
    waitUntil(what, seconds, () -> WaitForAsyncUtils.asyncFx(condition).get());
  }

  /** Waits until the screen whose sidebar button has {@code buttonId} is the one shown. */
  void waitForScreen(String buttonId, int seconds) {
    waitForFx(
        buttonId + " is the screen shown",
        seconds,
        () ->
            robot
                .lookup("#" + buttonId)
                .queryAs(javafx.scene.control.ToggleButton.class)
                .isSelected());
  }

  /** Waits until a table's rows, as text, contain {@code contained}. */
  void waitForRowText(String query, String contained, int seconds) {
    waitForFx(
        query + " has a row with " + contained,
        seconds,
        () ->
            robot
                .lookup(query)
                .queryAs(javafx.scene.control.TableView.class)
                .getItems()
                .toString()
                .contains(contained));
  }

  String text(String query) {
    return robot.lookup(query).queryAs(Labeled.class).getText();
  }

  void waitForText(String query, String contained, int seconds) {
    try {
      waitUntil(
          query + " shows '" + contained + "'",
          seconds,
          () -> {
            String shown = WaitForAsyncUtils.asyncFx(() -> text(query)).get();
            return shown != null && shown.contains(contained);
          });
    } catch (AssertionError timedOut) {
      String shown = WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> text(query)));
      throw new AssertionError(timedOut.getMessage() + "; it shows '" + shown + "'", timedOut);
    }
  }

  /**
   * Switches the active account as a user would with the picker in the top bar. The picker is
   * filled from a worker after the session starts: on a loaded machine it may still be empty when a
   * test begins, and a choice not yet offered would silently change nothing.
   */
  void actAs(String label) {
    waitForFx(
        "the account picker offers " + label,
        20,
        () ->
            robot.lookup("#account-picker").<AccountOption>queryComboBox().getItems().stream()
                .anyMatch(option -> option.label().startsWith(label)));
    robot.interact(
        () -> {
          var picker = robot.lookup("#account-picker").<AccountOption>queryComboBox();
          picker.getItems().stream()
              .filter(option -> option.label().startsWith(label))
              .findFirst()
              .ifPresent(picker::setValue);
        });
    WaitForAsyncUtils.waitForFxEvents();
    waitUntil(
        "the console acts as " + label,
        10,
        () -> context().activeAccount().map(a -> a.label().startsWith(label)).orElse(false));
  }

  /** Saves what the window shows now, for the README and for a person to look at. */
  void screenshot(String name) throws Exception {
    Path dir = Path.of(System.getProperty("waypost.screenshots", "target/screenshots"));
    Files.createDirectories(dir);
    WaitForAsyncUtils.waitForFxEvents();
    WritableImage image =
        WaitForAsyncUtils.asyncFx(
                () -> {
                  Scene scene = robot.listTargetWindows().get(0).getScene();
                  return scene.snapshot(null);
                })
            .get(10, TimeUnit.SECONDS);
    File file = dir.resolve(name + ".png").toFile();
    ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file);
  }

  /** Saves what another window (a dialog), found by its title, shows now. */
  void screenshotWindow(String name, String title) throws Exception {
    Path dir = Path.of(System.getProperty("waypost.screenshots", "target/screenshots"));
    Files.createDirectories(dir);
    WaitForAsyncUtils.waitForFxEvents();
    WritableImage image =
        WaitForAsyncUtils.asyncFx(
                () ->
                    robot.listTargetWindows().stream()
                        .filter(
                            w -> w instanceof javafx.stage.Stage s && title.equals(s.getTitle()))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no window titled " + title))
                        .getScene()
                        .snapshot(null))
            .get(10, TimeUnit.SECONDS);
    ImageIO.write(
        SwingFXUtils.fromFXImage(image, null), "png", dir.resolve(name + ".png").toFile());
  }

  /** Saves what the window shows in the dark theme, then goes back to the light one. */
  void screenshotDark(String name) throws Exception {
    Scene scene =
        WaitForAsyncUtils.asyncFx(() -> robot.listTargetWindows().get(0).getScene()).get();
    robot.interact(() -> io.waypost.app.console.shell.Theme.apply(scene, true));
    try {
      screenshot(name);
    } finally {
      robot.interact(() -> io.waypost.app.console.shell.Theme.apply(scene, false));
    }
  }

  static void waitUntil(String what, int seconds, Condition condition) {
    try {
      WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> condition.holds());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("Timed out after " + seconds + " s waiting until " + what, e);
    }
  }

  /** A condition that may throw while it is not yet true. */
  @FunctionalInterface
  interface Condition {
    boolean holds() throws Exception;
  }

  @Override
  public void close() {
    try {
      FxToolkit.cleanupApplication(app);
      FxToolkit.hideStage();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("The console did not close in time; its threads:\n" + threads(), e);
    }
  }

  /** Every thread's stack, so a close that hangs says where. */
  private static String threads() {
    StringBuilder dump = new StringBuilder();
    Thread.getAllStackTraces()
        .forEach(
            (thread, stack) -> {
              dump.append('"').append(thread.getName()).append("\" ").append(thread.getState());
              for (StackTraceElement frame : stack) {
                dump.append("\n    at ").append(frame);
              }
              dump.append('\n');
            });
    return dump.toString();
  }
}
