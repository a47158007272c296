package io.waypost.app.console.trust;

import io.waypost.app.console.common.Copy;
import io.waypost.app.console.common.VerdictChip;
import io.waypost.core.model.NodeId;
import io.waypost.core.trust.TrustPolicy.CustomServer;
import io.waypost.core.trust.TrustVerdict;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.Validator;

/**
 * The user's own servers for the chosen service, each with its verdict, a copy and a remove button,
 * and a form to add one whose refusal names the problem.
 */
final class CustomServersCard {

  final TextField record = new TextField();
  final TextField label = new TextField();
  final Button add = new Button("Add");
  final Label error = new Label();
  private final VBox servers = new VBox(6);
  private final VBox root;
  private final Consumer<NodeId> onRemove;
  private List<CustomServer> shown = List.of();
  private Map<NodeId, ServerRow> shownRows = Map.of();

  CustomServersCard(BiConsumer<String, String> onAdd, Consumer<NodeId> onRemove) {
    this.onRemove = onRemove;
    Label title = new Label("Custom servers");
    title.getStyleClass().add("title-4");
    Label note =
        new Label(
            "Servers you add by hand: usable without registry approval, always marked Custom.");
    note.getStyleClass().add("text-muted");
    note.setWrapText(true);
    servers.setId("trust-custom-list");

    record.setId("trust-custom-record");
    record.setAccessibleText("Record of a custom server (ENR or enode URL)");
    record.setPromptText("enr:… or enode://<public key>@<ip>:<port>");
    HBox.setHgrow(record, Priority.ALWAYS);
    label.setId("trust-custom-label");
    label.setAccessibleText("Label of the custom server");
    label.setPromptText("Label");
    label.setPrefColumnCount(8);
    add.setId("trust-custom-add");
    add.setAccessibleText("Add custom server");
    add.setMinWidth(Region.USE_PREF_SIZE);
    Runnable adding = () -> onAdd.accept(record.getText(), label.getText());
    add.setOnAction(e -> adding.run());
    record.setOnAction(e -> adding.run());
    label.setOnAction(e -> adding.run());
    error.setId("trust-custom-error");
    error.getStyleClass().add("error-text");
    error.setWrapText(true);
    error.managedProperty().bind(error.textProperty().isNotEmpty());
    ValidationSupport validation = new ValidationSupport();
    validation.registerValidator(
        record,
        false,
        Validator.<String>createPredicateValidator(
            TrustController::parses, "Not a valid ENR or enode URL"));

    root = new VBox(8, title, note, servers, new HBox(8, record, label, add), error);
    root.getStyleClass().add("panel");
  }

  VBox root() {
    return root;
  }

  /** Shows the custom servers, each with its row from the servers table. FX thread. */
  void show(List<CustomServer> custom, Map<NodeId, ServerRow> rows) {
    Map<NodeId, ServerRow> mine = new java.util.HashMap<>();
    custom.forEach(
        c ->
            java.util.Optional.ofNullable(rows.get(c.nodeId()))
                .ifPresent(r -> mine.put(c.nodeId(), r)));
    if (custom.equals(shown) && mine.equals(shownRows)) {
      return; // rebuilding would take the focus from a user tabbing through them
    }
    shown = custom;
    shownRows = mine;
    if (custom.isEmpty()) {
      Label none = new Label("None: a client uses only servers the registry vouches for.");
      none.getStyleClass().add("text-muted");
      servers.getChildren().setAll(none);
      return;
    }
    servers
        .getChildren()
        .setAll(custom.stream().map(c -> server(c, mine.get(c.nodeId()))).toList());
  }

  private HBox server(CustomServer server, ServerRow row) {
    Label name = new Label(server.label());
    name.getStyleClass().add("card-title");
    name.setMinWidth(Region.USE_PREF_SIZE);
    Label id = new Label(server.nodeId().toString().substring(0, 10) + "…");
    id.getStyleClass().add("sheet-value");
    Label chip = VerdictChip.chip(row == null ? TrustVerdict.Kind.UNKNOWN : row.verdict().kind());
    if (row == null) {
      chip.setText("Not seen yet");
    } else {
      VerdictChip.set(chip, row.verdict().kind(), row.reason());
    }
    Label rtt = new Label(row == null ? "" : row.rtt());
    rtt.getStyleClass().add("text-muted");
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    Button remove = new Button("Remove");
    remove.setId("trust-custom-remove-" + server.nodeId().toString().substring(2, 10));
    remove.setAccessibleText("Remove custom server " + server.label());
    remove.setOnAction(e -> onRemove.accept(server.nodeId()));
    HBox line =
        new HBox(
            8,
            chip,
            name,
            id,
            Copy.button("record of " + server.label(), server.record()),
            rtt,
            gap,
            remove);
    line.setAlignment(Pos.CENTER_LEFT);
    return line;
  }
}
