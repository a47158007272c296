package io.waypost.app.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.app.console.shell.NavigationTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javafx.scene.AccessibleRole;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every screen reached and worked with the keyboard alone, and every control a screen reader can
 * name: Ctrl+1 … Ctrl+7 open the screens, Tab reaches each control that can act now, and each
 * interactive control and table has an accessible name and a role.
 */
class KeyboardAndAccessibilityTest {

  @TempDir Path dataDir;
  private ConsoleFixture console;

  @BeforeEach
  void open() throws Exception {
    console = new ConsoleFixture(dataDir);
  }

  @AfterEach
  void close() {
    console.close();
  }

  @Test
  void everyScreenOpensByShortcutAndTabReachesEachOfItsNamedControls() throws Exception {
    for (NavigationTarget target : NavigationTarget.values()) {
      console
          .robot
          .press(KeyCode.CONTROL, target.shortcut())
          .release(target.shortcut(), KeyCode.CONTROL);
      WaitForAsyncUtils.waitForFxEvents();
      console.waitForScreen(target.buttonId(), 10);
      Node screen =
          WaitForAsyncUtils.asyncFx(() -> console.app.shell().screen(target).view()).get();

      List<String> unnamed = WaitForAsyncUtils.asyncFx(() -> unnamed(screen)).get();
      assertEquals(List.of(), unnamed, target.title() + ": controls without an accessible name");

      Set<Node> reachable = WaitForAsyncUtils.asyncFx(() -> actionable(screen)).get();
      assertTrue(!reachable.isEmpty(), target.title() + " has controls");
      Set<Node> focused = new LinkedHashSet<>();
      for (int press = 0; press < reachable.size() * 3 + 20; press++) {
        console.robot.type(KeyCode.TAB);
        Node owner =
            WaitForAsyncUtils.asyncFx(() -> console.robot.listTargetWindows().get(0).getScene())
                .get()
                .getFocusOwner();
        for (Node at = owner; at != null; at = at.getParent()) {
          if (reachable.contains(at)) {
            focused.add(at);
          }
        }
        if (focused.containsAll(reachable)) {
          break;
        }
      }
      List<String> missed =
          reachable.stream()
              .filter(n -> !focused.contains(n))
              .map(KeyboardAndAccessibilityTest::describe)
              .toList();
      assertEquals(List.of(), missed, target.title() + ": controls Tab never reached");
    }
  }

  /**
   * Nodes a user acts on or reads as a whole, shown now: controls, and other nodes that act as a
   * button (the Overview's cards). FX thread only.
   */
  private static List<Node> interactive(Node root) {
    List<Node> found = new ArrayList<>();
    walk(root, found);
    return found;
  }

  private static void walk(Node node, List<Node> found) {
    if (!node.isVisible()) {
      return;
    }
    if (!(node instanceof Control)
        && node.getAccessibleRole() == AccessibleRole.BUTTON
        && node.isFocusTraversable()) {
      found.add(node);
      return;
    }
    if (node instanceof ButtonBase
        || node instanceof TextInputControl
        || node instanceof ComboBoxBase
        || node instanceof TableView
        || node instanceof ListView) {
      found.add(node);
      if (node instanceof ComboBoxBase || node instanceof TableView || node instanceof ListView) {
        return; // their parts (cells, an editor) are named by the control
      }
    }
    if (node instanceof Parent parent) {
      parent.getChildrenUnmodifiable().forEach(child -> walk(child, found));
    }
  }

  private static List<String> unnamed(Node screen) {
    return interactive(screen).stream()
        .filter(
            c ->
                isBlank(c.getAccessibleText())
                    && !(c instanceof Labeled labeled && !isBlank(labeled.getText())))
        .map(KeyboardAndAccessibilityTest::describe)
        .toList();
  }

  private static Set<Node> actionable(Node screen) {
    Set<Node> nodes = new LinkedHashSet<>();
    for (Node c : interactive(screen)) {
      if (c.getAccessibleRole() == AccessibleRole.NODE
          || c.getAccessibleRole() == AccessibleRole.PARENT) {
        throw new AssertionError(describe(c) + " has no role");
      }
      if (!c.isDisabled() && c.isFocusTraversable()) {
        nodes.add(c);
      }
    }
    return nodes;
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }

  private static String describe(Node node) {
    return node.getClass().getSimpleName() + (node.getId() == null ? "" : "#" + node.getId());
  }
}
