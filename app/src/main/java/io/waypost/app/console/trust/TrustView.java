package io.waypost.app.console.trust;

import io.waypost.app.console.common.VerdictChip;
import io.waypost.core.trust.TrustVerdict;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Lays out Trust, top to bottom in the order a reader asks: how many servers a client can use now,
 * which one it would pick and why, every server with its verdict and reason; then what the user
 * decides: whom to trust, their own servers, a pin.
 */
final class TrustView {

  final ComboBox<String> service = new ComboBox<>();
  final HBox glance = new HBox(8);
  final Label preview = new Label();
  final TableView<ServerRow> servers = ServersTable.build();
  final TableView<ProviderRow> providers;
  final CustomServersCard custom;
  final PinCard pin;
  private final ScrollPane root;

  TrustView(TrustActions actions) {
    providers = ProvidersTable.build(actions::trust);
    custom = new CustomServersCard(actions::addCustom, actions::removeCustom);
    pin = new PinCard(actions::pin);

    Label title = new Label("Trust");
    title.getStyleClass().add("title-2");
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    service.setId("trust-service");
    service.setAccessibleText("Service");
    Label serviceLabel = new Label("Service");
    serviceLabel.setLabelFor(service);
    HBox heading = new HBox(10, title, gap, serviceLabel, service);
    heading.setAlignment(Pos.CENTER_LEFT);

    glance.setId("trust-glance");
    glance.setAlignment(Pos.CENTER_LEFT);
    preview.setId("trust-preview");
    preview.setWrapText(true);
    preview.getStyleClass().add("pick-line");
    Label rule = new Label(ServerPick.RULE);
    rule.getStyleClass().add("text-muted");
    rule.setWrapText(true);
    Label serversTitle = new Label("Servers a client sees now");
    serversTitle.getStyleClass().add("title-4");
    VBox serversPanel = new VBox(8, serversTitle, glance, preview, servers, rule);
    serversPanel.getStyleClass().add("panel");

    Label providersTitle = new Label("Providers");
    providersTitle.getStyleClass().add("title-4");
    Label meaning =
        new Label(
            "Trusting a provider means a client uses its servers once the registry approves the"
                + " provider and each server proves its key; servers of a provider you do not"
                + " trust are never picked, approved or not.");
    meaning.getStyleClass().add("text-muted");
    meaning.setWrapText(true);
    VBox providersPanel = new VBox(8, providersTitle, meaning, providers);
    providersPanel.getStyleClass().add("panel");

    HBox cards = new HBox(12, custom.root(), pin.root());
    HBox.setHgrow(custom.root(), Priority.ALWAYS);
    custom.root().setPrefWidth(560);
    pin.root().setPrefWidth(420);
    pin.root().setMinWidth(360);

    VBox content = new VBox(12, heading, serversPanel, providersPanel, cards);
    content.setPadding(new Insets(16, 20, 20, 20));
    root = new ScrollPane(content);
    root.setFitToWidth(true);
  }

  /** Shows how many servers of each verdict there are, as chips: the screen's first answer. */
  void showGlance(List<ServerRow> rows) {
    Map<TrustVerdict.Kind, Long> counts =
        rows.stream()
            .collect(Collectors.groupingBy(r -> r.verdict().kind(), Collectors.counting()));
    List<Node> chips = new java.util.ArrayList<>();
    for (TrustVerdict.Kind kind : TrustVerdict.Kind.values()) {
      long count = counts.getOrDefault(kind, 0L);
      if (count > 0 || kind == TrustVerdict.Kind.TRUSTED) {
        Label chip = VerdictChip.chip(kind);
        chip.setText(count + " " + VerdictChip.title(kind).toLowerCase(java.util.Locale.ROOT));
        chip.setAccessibleText(chip.getText());
        chips.add(chip);
      }
    }
    long usable = rows.stream().filter(r -> r.verdict().usable()).count();
    Label total = new Label(usable + " of " + rows.size() + " server(s) usable by a client");
    total.getStyleClass().add("text-muted");
    chips.add(total);
    if (!texts(chips).equals(texts(glance.getChildren()))) {
      glance.getChildren().setAll(chips);
    }
  }

  private static List<String> texts(List<Node> nodes) {
    Function<Node, String> text = n -> n instanceof Label l ? l.getText() : "";
    return nodes.stream().map(text).toList();
  }

  Node root() {
    return root;
  }
}
