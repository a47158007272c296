package io.waypost.app.console.discovery;

import io.waypost.app.console.common.Copy;
import io.waypost.app.console.common.VerdictChip;
import io.waypost.core.trust.CheckOutcome;
import io.waypost.core.trust.TrustVerdict;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One node's details as a structured sheet: its verdict as a chip with the reason, every check with
 * a pass/fail icon, its registry entry, its record decoded (addresses, ports and keys in their
 * natural form), its history; copy buttons for its id, its record and the whole sheet as text (for
 * a support ticket). FX thread only.
 */
final class NodeSheet {

  /** What the sheet shows of a node as discovery knows it (cheap to build from a row). */
  record Facts(
      String nodeId,
      Optional<TrustVerdict> verdict,
      Optional<String> enr,
      String seq,
      String foundBy,
      String address,
      String rtt,
      List<RecordFields.Field> fields,
      boolean gone) {}

  /** What the registry index says about the node (read off the FX thread). */
  record Registry(List<String> entry, List<String> history) {
    static final Registry LOADING = new Registry(List.of("reading the index …"), List.of());
  }

  static final String GONE =
      "Not among the live peers now: it missed its pings. It is selected again if it returns.";

  private final VBox content = new VBox(6);
  private final ScrollPane root = new ScrollPane(content);
  private String report = DiscoveryModel.NO_NODE_CHOSEN;

  NodeSheet() {
    content.setId("discovery-details");
    content.setPadding(new Insets(8));
    content.setAccessibleText("Details of the chosen node");
    root.setFitToWidth(true);
    root.setFocusTraversable(false);
    clear();
  }

  Node view() {
    return root;
  }

  /** The sheet as plain text, as the Copy button copies it. */
  String report() {
    return report;
  }

  void clear() {
    Label prompt = new Label(DiscoveryModel.NO_NODE_CHOSEN);
    prompt.setWrapText(true);
    prompt.getStyleClass().add("text-muted");
    content.getChildren().setAll(prompt);
    report = DiscoveryModel.NO_NODE_CHOSEN;
  }

  void show(Facts facts, Registry registry) {
    StringBuilder text = new StringBuilder();
    content.getChildren().clear();

    HBox header = new HBox(8);
    header.setAlignment(Pos.CENTER_LEFT);
    Label reason = new Label();
    reason.setWrapText(true);
    reason.setId("discovery-reason");
    HBox.setHgrow(reason, Priority.ALWAYS);
    if (facts.verdict().isPresent()) {
      TrustVerdict verdict = facts.verdict().get();
      Label chip = VerdictChip.chip(verdict.kind());
      chip.setId("discovery-verdict");
      reason.setText(VerdictChip.reason(verdict));
      header.getChildren().addAll(chip, reason);
      text.append("Verdict: ")
          .append(VerdictChip.title(verdict.kind()))
          .append(" — ")
          .append(reason.getText())
          .append('\n');
    } else {
      reason.setText("Not seen by discovery for this service: no verdict.");
      header.getChildren().add(reason);
      text.append(reason.getText()).append('\n');
    }
    content.getChildren().add(header);
    if (facts.gone()) {
      Label gone = new Label(GONE);
      gone.setWrapText(true);
      gone.getStyleClass().add("error-text");
      content.getChildren().add(gone);
      text.append(GONE).append('\n');
    }
    content.getChildren().add(copyable("Node id", facts.nodeId(), "discovery-copy-id"));
    text.append("Node id: ").append(facts.nodeId()).append('\n');

    facts.verdict().ifPresent(verdict -> checks(verdict, text));

    section("Registry entry", text);
    for (String line : registry.entry()) {
      content.getChildren().add(wrapped(line));
      text.append("  ").append(line).append('\n');
    }

    section("Record", text);
    String where =
        "seq "
            + facts.seq()
            + " · found by "
            + facts.foundBy()
            + " · "
            + facts.address()
            + " · round trip "
            + facts.rtt();
    content.getChildren().add(wrapped(where));
    text.append("  ").append(where).append('\n');
    facts
        .enr()
        .ifPresent(
            enr -> {
              content.getChildren().add(copyable("Record", enr, "discovery-copy-enr"));
              text.append("  ").append(enr).append('\n');
            });
    if (facts.fields().isEmpty()) {
      content.getChildren().add(wrapped("An enode: no signed record, no other entries."));
    } else {
      GridPane grid = grid();
      int row = 0;
      for (RecordFields.Field field : facts.fields()) {
        Label key = new Label(field.key());
        key.getStyleClass().add("sheet-key");
        Label meaning = new Label(field.meaning());
        meaning.getStyleClass().add("text-muted");
        grid.addRow(row++, key, value(field.value()), meaning);
        text.append("  ")
            .append(field.key())
            .append(" = ")
            .append(field.value())
            .append(field.meaning().isEmpty() ? "" : "  (" + field.meaning() + ")")
            .append('\n');
      }
      content.getChildren().add(grid);
    }

    section("History (registry audit trail)", text);
    if (registry.history().isEmpty()) {
      content.getChildren().add(wrapped("No registry events about this node or its provider."));
    }
    for (String line : registry.history()) {
      content.getChildren().add(wrapped(line));
      text.append("  ").append(line).append('\n');
    }

    Button copyAll = new Button("Copy these details");
    copyAll.setId("discovery-copy-report");
    copyAll.setAccessibleHelp("Copies the whole sheet as text, for a support ticket");
    String all = text.toString();
    copyAll.setOnAction(e -> copy(all));
    content.getChildren().add(copyAll);
    report = all;
  }

  private void checks(TrustVerdict verdict, StringBuilder text) {
    section("Checks", text);
    GridPane grid = grid();
    int row = 0;
    for (CheckOutcome check : verdict.checks()) {
      Label icon = new Label(VerdictChip.icon(check.result()));
      icon.getStyleClass().add("check-" + check.result().name().toLowerCase(java.util.Locale.ROOT));
      icon.setAccessibleText(check.result().name());
      Label what = new Label(check.check().description());
      what.setWrapText(true);
      Label detail = new Label(check.detail());
      detail.setWrapText(true);
      detail.getStyleClass().add("text-muted");
      grid.addRow(row++, icon, what, detail);
      text.append("  ")
          .append(VerdictChip.icon(check.result()))
          .append(' ')
          .append(check.result())
          .append("  ")
          .append(check.check().description())
          .append(check.detail().isEmpty() ? "" : ": " + check.detail())
          .append('\n');
    }
    content.getChildren().add(grid);
  }

  private void section(String title, StringBuilder text) {
    Label label = new Label(title);
    label.getStyleClass().add("sheet-section");
    content.getChildren().add(label);
    text.append('\n').append(title).append('\n');
  }

  /** Three columns: a narrow one (icon or key), then two that share the width and wrap. */
  private static GridPane grid() {
    GridPane grid = new GridPane();
    grid.setHgap(10);
    grid.setVgap(3);
    ColumnConstraints fixed = new ColumnConstraints();
    fixed.setMinWidth(Region.USE_PREF_SIZE);
    ColumnConstraints middle = new ColumnConstraints();
    middle.setPercentWidth(45);
    ColumnConstraints rest = new ColumnConstraints();
    rest.setHgrow(Priority.ALWAYS);
    grid.getColumnConstraints().setAll(fixed, middle, rest);
    return grid;
  }

  private static Label wrapped(String text) {
    Label label = new Label(text);
    label.setWrapText(true);
    return label;
  }

  /** A value shown as selectable text, so it can be copied in part too. */
  private static TextField value(String text) {
    TextField field = new TextField(text);
    field.setEditable(false);
    field.setFocusTraversable(false);
    field.getStyleClass().add("sheet-value");
    field.setPrefColumnCount(Math.min(Math.max(text.length(), 6), 40));
    return field;
  }

  private static HBox copyable(String name, String text, String buttonId) {
    Label key = new Label(name);
    key.getStyleClass().add("sheet-key");
    key.setMinWidth(Region.USE_PREF_SIZE);
    TextField shown = value(text);
    shown.setAccessibleText(name);
    HBox.setHgrow(shown, Priority.ALWAYS);
    Button copy = new Button("Copy");
    copy.setId(buttonId);
    copy.setAccessibleText("Copy " + name.toLowerCase(java.util.Locale.ROOT));
    copy.setOnAction(e -> copy(text));
    copy.setMinWidth(Region.USE_PREF_SIZE);
    HBox row = new HBox(8, key, shown, copy);
    row.setAlignment(Pos.CENTER_LEFT);
    return row;
  }

  private static void copy(String text) {
    Copy.toClipboard(text);
  }
}
