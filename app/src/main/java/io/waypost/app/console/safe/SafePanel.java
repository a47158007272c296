package io.waypost.app.console.safe;

import io.waypost.core.safe.SafeCall;
import java.io.File;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The Safe's side of a screen: who the Safe is and how many owners sign, the actions queued for it
 * (each decoded), the owners who can sign here, and the two ways out: export the batch for the Safe
 * app, or sign and execute it here, with each signature shown as it is collected.
 */
public final class SafePanel {

  private final VBox root;
  private final ScrollPane scroller;

  public SafePanel(SafeBatch batch) {
    Label title = new Label("Safe batch");
    title.getStyleClass().add("title-4");
    Label who = new Label();
    who.setId("safe-summary");
    who.setWrapText(true);
    who.setMinHeight(Region.USE_PREF_SIZE);
    who.textProperty()
        .bind(
            Bindings.createStringBinding(
                () -> {
                  SafeRole role = batch.safe.get();
                  return role == null
                      ? ""
                      : String.format(
                          Locale.ROOT,
                          "Safe %s is the registry's %s. %d of its %d owners must sign each"
                              + " batch.",
                          SafeRole.shortAddress(role.safe()),
                          role.roles(),
                          role.threshold(),
                          role.owners().size());
                },
                batch.safe));

    Label queuedTitle = new Label("Queued actions");
    queuedTitle.getStyleClass().add("safe-section");
    ListView<SafeCall> queue = new ListView<>(batch.queued);
    queue.setId("safe-queue");
    queue.setAccessibleText("Actions queued for the Safe, decoded");
    queue.setPrefHeight(132);
    queue.setMinHeight(132);
    Label nothingQueued =
        new Label("Nothing queued yet. Actions on the left join this batch instead of being sent.");
    nothingQueued.setWrapText(true);
    nothingQueued.setMaxWidth(260);
    nothingQueued.getStyleClass().add("permission-note");
    queue.setPlaceholder(nothingQueued);
    queue.setCellFactory(
        list ->
            new ListCell<>() {
              @Override
              protected void updateItem(SafeCall call, boolean empty) {
                super.updateItem(call, empty);
                if (empty || call == null) {
                  setText(null);
                  setGraphic(null);
                  return;
                }
                setText((getIndex() + 1) + ". " + readable(call));
                setGraphic(null);
                setPrefWidth(0); // long values end in "…" instead of scrolling sideways
                setTooltip(new Tooltip(call.description()));
              }
            });
    Button remove = new Button("Remove");
    remove.setId("safe-remove");
    remove
        .disableProperty()
        .bind(queue.getSelectionModel().selectedItemProperty().isNull().or(batch.busy));
    remove.setOnAction(e -> batch.queued.remove(queue.getSelectionModel().getSelectedItem()));
    remove.setAccessibleText("Remove the selected action from the Safe batch");
    remove.getStyleClass().addAll("small", "flat");
    Pane gap = new Pane();
    HBox.setHgrow(gap, Priority.ALWAYS);
    HBox queueHeading = new HBox(8, queuedTitle, gap, remove);
    queueHeading.setAlignment(Pos.CENTER_LEFT);

    Label ownersTitle = new Label("Owners who sign here");
    ownersTitle.getStyleClass().add("safe-section");
    VBox owners = new VBox(4);
    owners.setId("safe-owners");
    batch.signers.addListener(
        (ListChangeListener<SafeSigner>)
            change -> {
              boolean replaced = false;
              while (change.next()) {
                replaced |= change.wasAdded() || change.wasRemoved();
              }
              if (replaced) {
                owners.getChildren().setAll(batch.signers.stream().map(SafePanel::signer).toList());
              }
            });

    Button execute = new Button("Sign and execute");
    execute.setId("safe-execute");
    execute.getStyleClass().add("accent");
    execute.setAccessibleText("Sign with the chosen owners and execute the batch through the Safe");
    execute.setTooltip(
        new Tooltip(
            "Each chosen owner signs the Safe transaction here; the active account sends it"));
    execute
        .disableProperty()
        .bind(Bindings.isEmpty(batch.queued).or(batch.enoughSigners().not()).or(batch.busy));
    execute.setOnAction(e -> batch.execute());
    Button export = new Button("Export for the Safe app…");
    export.setId("safe-export");
    export.setAccessibleText("Export the batch as a Safe Transaction Builder file");
    export.setTooltip(
        new Tooltip("A JSON file the Safe app's Transaction Builder imports; owners sign there"));
    export.disableProperty().bind(Bindings.isEmpty(batch.queued).or(batch.busy));
    export.setOnAction(
        e -> {
          FileChooser chooser = new FileChooser();
          chooser.setTitle("Export the Safe batch");
          chooser.setInitialFileName("waypost-safe-batch.json");
          chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("JSON", "*.json"));
          File file = chooser.showSaveDialog(export.getScene().getWindow());
          if (file != null) {
            batch.exportTo(file.toPath());
          }
        });
    execute.setMaxWidth(Double.MAX_VALUE);
    export.setMaxWidth(Double.MAX_VALUE);
    VBox buttons = new VBox(8, execute, export);

    ProgressBar working = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
    working.setMaxWidth(Double.MAX_VALUE);
    working.setAccessibleText("Executing through the Safe");
    working.visibleProperty().bind(batch.busy);
    working.managedProperty().bind(batch.busy);
    VBox progress = new VBox(4);
    progress.setId("safe-progress");
    progress.getStyleClass().add("safe-progress");
    batch.progress.addListener(
        (ListChangeListener<String>)
            change ->
                progress
                    .getChildren()
                    .setAll(
                        batch.progress.stream()
                            .map(
                                line -> {
                                  Label step = new Label(line);
                                  step.setWrapText(true);
                                  step.setMinHeight(Region.USE_PREF_SIZE);
                                  return step;
                                })
                            .toList()));
    progress.visibleProperty().bind(Bindings.isNotEmpty(batch.progress));
    progress.managedProperty().bind(progress.visibleProperty());
    Label status = new Label();
    status.setId("safe-status");
    status.setWrapText(true);
    status.setMinHeight(Region.USE_PREF_SIZE);
    status.textProperty().bind(batch.status);
    status.getStyleClass().add("permission-note");

    root =
        new VBox(
            10,
            title,
            who,
            queueHeading,
            queue,
            ownersTitle,
            owners,
            buttons,
            working,
            progress,
            status);
    root.setPadding(new Insets(20, 20, 20, 16));
    // The panel scrolls on its own, so a long run of steps never stretches the window.
    scroller = new ScrollPane(root);
    scroller.setId("safe-panel");
    scroller.getStyleClass().add("safe-panel");
    scroller.setFitToWidth(true);
    scroller.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
    scroller.setPrefWidth(340);
    scroller.setMinWidth(340);
    scroller.setMaxWidth(340);
    scroller.visibleProperty().bind(batch.safe.isNotNull());
    scroller.managedProperty().bind(scroller.visibleProperty());
    scroller.setFocusTraversable(false);
  }

  public Node view() {
    return scroller;
  }

  /**
   * A queued call as a person reads it at a glance: the method and its values, addresses shortened
   * (the tooltip and the exported batch carry the full decoded call).
   */
  static String readable(SafeCall call) {
    if (call.method().isEmpty()) {
      return call.description();
    }
    java.util.List<String> shown = new java.util.ArrayList<>();
    for (int i = 0; i < call.inputs().size(); i++) {
      SafeCall.Input input = call.inputs().get(i);
      String value = call.values().get(i);
      shown.add(
          switch (input.type()) {
            case "address" -> SafeRole.shortAddress(io.waypost.core.model.Address.of(value));
            case "string" -> "\"" + value + "\"";
            default -> value;
          });
    }
    return words(call.method()) + "\n    " + String.join(", ", shown);
  }

  /** approveProvider → "Approve provider". */
  static String words(String method) {
    String spaced = method.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    return spaced.isEmpty()
        ? spaced
        : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
  }

  private static Node signer(SafeSigner signer) {
    String address = signer.owner().checksummed();
    CheckBox box =
        new CheckBox(
            signer.atHand()
                ? SafeRole.shortAddress(signer.owner()) + " · " + signer.name()
                : SafeRole.shortAddress(signer.owner()) + " · key not in this console");
    box.setId("safe-owner-" + address.toLowerCase(Locale.ROOT));
    box.setAccessibleText(
        signer.atHand()
            ? "Sign as owner " + address + " (" + signer.name() + ")"
            : "Owner " + address + ": its key is not in this console");
    box.setDisable(!signer.atHand());
    box.selectedProperty().bindBidirectional(signer.chosen());
    box.setTooltip(new Tooltip(address));
    box.setWrapText(true);
    box.setMinHeight(Region.USE_PREF_SIZE);
    return box;
  }
}
