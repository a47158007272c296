package io.waypost.app.console.shell;

import io.waypost.app.console.AccountOption;
import java.util.EnumMap;
import java.util.Map;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The window's frame: top bar (network, account), sidebar, the current screen, and the
 * notifications floating above them (an overlay, so they never move the layout).
 */
final class ShellView {

  final BorderPane root = new BorderPane();
  private final StackPane window = new StackPane();
  final Map<NavigationTarget, ToggleButton> buttons = new EnumMap<>(NavigationTarget.class);
  final ComboBox<AccountOption> accountPicker = new ComboBox<>();
  final Label network = new Label("Starting …");

  ShellView(Region notifications) {
    Label brand = new Label("Waypost");
    brand.getStyleClass().add("brand");
    brand.setMinWidth(Region.USE_PREF_SIZE); // a long network line is cut, never the name
    network.setMinWidth(0);
    network.setId("topbar-network");
    network.getStyleClass().add("text-muted");
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    accountPicker.setId("account-picker");
    accountPicker.setPromptText("Choose an account");
    accountPicker.setPrefWidth(430);
    accountPicker.setAccessibleText("Account to act as");
    Label actingAs = new Label("Acting as");
    HBox top = new HBox(brand, network, spacer, actingAs, accountPicker);
    top.setAlignment(Pos.CENTER_LEFT);
    top.getStyleClass().add("topbar");

    VBox sidebar = new VBox();
    sidebar.getStyleClass().add("sidebar");
    ToggleGroup group = new ToggleGroup();
    for (NavigationTarget target : NavigationTarget.values()) {
      ToggleButton button = new ToggleButton(target.title());
      button.setId(target.buttonId());
      button.setToggleGroup(group);
      button.setMnemonicParsing(false);
      button.setAccessibleHelp("Shows the " + target.title() + " screen (" + target.keys() + ")");
      buttons.put(target, button);
      sidebar.getChildren().add(button);
    }
    // A selected sidebar button stays selected: clicking it again does not leave the screen.
    group
        .selectedToggleProperty()
        .addListener(
            (o, was, now) -> {
              if (now == null && was != null) {
                was.setSelected(true);
              }
            });

    root.setTop(top);
    root.setLeft(sidebar);
    StackPane.setAlignment(notifications, Pos.BOTTOM_RIGHT);
    window.getChildren().setAll(root, notifications);
  }

  Parent root() {
    return window;
  }
}
