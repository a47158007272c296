package io.waypost.app.console.curator;

import io.waypost.core.model.ProviderStatus;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Lays out the Curator screen; every action is a button whose enablement says what is allowed. */
final class CuratorView {

  final Button approve = new Button("Approve");
  final Button reject = new Button("Reject");
  final Button suspend = new Button("Suspend");
  final Button reinstate = new Button("Reinstate");
  final Button acceptUpdate = new Button("Accept update");
  final Button declineUpdate = new Button("Decline update");
  final Button addCurator = new Button("Add curator");
  final Button removeCurator = new Button("Remove selected curator");
  final Button dnsList = new Button("DNS list…");
  final TextField newCurator = new TextField();
  final TextField newService = new TextField();
  final Button addService = new Button("Add service");
  final ListView<String> curatorList;
  final TableView<ProviderRow> table;
  final ComboBox<ActingAs> actAs = new ComboBox<>();
  final TextField newOwner = new TextField();
  final Button transferOwnership = new Button("Transfer ownership");
  final Button acceptOwnership = new Button("Accept ownership");
  final TextField maxProofValidity = new TextField();
  final Button setMaxProofValidity = new Button("Set");
  final TextField reapplyCooldown = new TextField();
  final Button setReapplyCooldown = new Button("Set");
  private final HBox root;

  CuratorView(CuratorModel model, Node providerNodes, Node txStatus, Node safePanel) {
    Label title = new Label("Curator");
    title.getStyleClass().add("title-2");
    Label actAsLabel = new Label("On behalf of");
    actAs.setId("curator-act-as");
    actAs.setAccessibleText(
        "Act on behalf of your account or of a Safe that holds a registry role");
    actAs.setTooltip(
        new Tooltip(
            "A Safe's actions are queued into one batch, then signed by its owners and executed,"
                + " or exported for the Safe app"));
    actAs.setItems(model.actingChoices);
    actAs.valueProperty().bindBidirectional(model.actingAs);
    actAsLabel.setLabelFor(actAs);
    HBox actingRow = new HBox(8, actAsLabel, actAs);
    actingRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    // Only where a Safe holds a role: otherwise every action is the account's own.
    actingRow.visibleProperty().bind(Bindings.size(model.actingChoices).greaterThan(1));
    actingRow.managedProperty().bind(actingRow.visibleProperty());
    HBox heading = new HBox(16, title, actingRow);
    heading.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    Label permission = new Label();
    permission.setId("curator-permission");
    permission.setWrapText(true);
    permission.textProperty().bind(model.permission);
    permission.getStyleClass().add("permission-note");
    // A wrapped label in a box gets the height of all its lines only when asked for it.
    permission.setMinHeight(Region.USE_PREF_SIZE);

    CheckBox pendingOnly = new CheckBox("Awaiting a decision (applications, metadata updates)");
    pendingOnly.setId("curator-pending-only");
    pendingOnly.selectedProperty().bindBidirectional(model.pendingOnly);
    TextField search = new TextField();
    search.setId("curator-search");
    search.setAccessibleText("Search providers by name or address");
    search.setPromptText("Search name or address");
    search.textProperty().bindBidirectional(model.search);
    HBox filters = new HBox(12, pendingOnly, search);

    table = new TableView<>(model.sorted);
    table.setId("curator-table");
    table.setAccessibleText("Providers in the registry");
    model.sorted.comparatorProperty().bind(table.comparatorProperty());
    table.getColumns().add(column("Name", ProviderRow::name, 180));
    table.getColumns().add(column("Status", ProviderRow::statusText, 100));
    table.getColumns().add(column("Address", ProviderRow::address, 330));
    table.getColumns().add(column("Reason", ProviderRow::reason, 260));
    table.getColumns().add(column("Website / contact", ProviderRow::metadataUri, 240));
    table.getColumns().add(column("Proposed update", ProviderRow::proposedText, 260));
    table.setPlaceholder(new Label("No providers match"));
    model.selected.bind(table.getSelectionModel().selectedItemProperty());
    VBox.setVgrow(table, Priority.ALWAYS);

    TextField reason = new TextField();
    reason.setId("curator-reason");
    reason.setAccessibleText("Reason for rejecting, suspending or reinstating");
    reason.setPromptText("Reason (required to reject, suspend or reinstate; recorded on-chain)");
    reason.textProperty().bindBidirectional(model.reason);
    HBox.setHgrow(reason, Priority.ALWAYS);

    approve.setId("curator-approve");
    reject.setId("curator-reject");
    suspend.setId("curator-suspend");
    reinstate.setId("curator-reinstate");
    acceptUpdate.setId("curator-accept-update");
    declineUpdate.setId("curator-decline-update");
    approve.getStyleClass().add("success");
    reject.getStyleClass().add("danger");
    suspend.getStyleClass().add("danger");
    BooleanBinding reasonMissing =
        Bindings.createBooleanBinding(
            () -> model.reason.get() == null || model.reason.get().isBlank(), model.reason);
    approve
        .disableProperty()
        .bind(model.isCurator.not().or(selectedIsNot(model, ProviderStatus.PENDING)));
    reject
        .disableProperty()
        .bind(
            model
                .isCurator
                .not()
                .or(selectedIsNoneOf(model, ProviderStatus.PENDING, ProviderStatus.WITHDRAWN))
                .or(reasonMissing));
    // A withdrawn provider may still be rejected or suspended: withdrawing dodges no decision.
    suspend
        .disableProperty()
        .bind(
            model
                .isCurator
                .not()
                .or(selectedIsNoneOf(model, ProviderStatus.APPROVED, ProviderStatus.WITHDRAWN))
                .or(reasonMissing));
    BooleanBinding noUpdate =
        Bindings.createBooleanBinding(() -> !model.selectedHasUpdate(), model.selected);
    acceptUpdate.disableProperty().bind(model.isCurator.not().or(noUpdate));
    declineUpdate.disableProperty().bind(model.isCurator.not().or(noUpdate).or(reasonMissing));
    acceptUpdate.setTooltip(
        new Tooltip(
            "Make the selected provider's proposed name and URI its own (as shown in the table)"));
    declineUpdate.setTooltip(
        new Tooltip("Drop the selected provider's proposed name and URI, with a reason"));
    reinstate
        .disableProperty()
        .bind(
            model
                .isCurator
                .not()
                .or(selectedIsNot(model, ProviderStatus.SUSPENDED))
                .or(reasonMissing));
    approve.setTooltip(new Tooltip("Approve the selected pending provider (curators only)"));
    reject.setTooltip(new Tooltip("Reject the selected pending provider, with a reason"));
    suspend.setTooltip(
        new Tooltip(
            "Suspend the selected approved provider, with a reason: its nodes stop verifying"));
    reinstate.setTooltip(new Tooltip("Reinstate the selected suspended provider, with a reason"));
    HBox decisions = new HBox(8, approve, reject, suspend, reinstate, acceptUpdate, declineUpdate);
    for (Node button : decisions.getChildren()) {
      ((Button) button).setMinWidth(Region.USE_PREF_SIZE);
    }
    // The reason on its own line: the buttons keep their names when a Safe's batch is shown.
    VBox actions = new VBox(8, reason, decisions);

    Label curatorsTitle = new Label("Curators (the owner manages this list)");
    curatorsTitle.getStyleClass().add("title-4");
    curatorList = new ListView<>(model.curators);
    curatorList.setId("curator-list");
    curatorList.setAccessibleText("Curators");
    curatorList.setPrefHeight(110);
    curatorList.setMinHeight(64);
    newCurator.setId("curator-new");
    newCurator.setAccessibleText("Address of a new curator");
    newCurator.setPromptText("0x… address of a new curator");
    newCurator.textProperty().bindBidirectional(model.newCurator);
    HBox.setHgrow(newCurator, Priority.ALWAYS);
    addCurator.setId("curator-add");
    removeCurator.setId("curator-remove");
    addCurator.disableProperty().bind(model.isOwner.not());
    removeCurator
        .disableProperty()
        .bind(
            model
                .isOwner
                .not()
                .or(curatorList.getSelectionModel().selectedItemProperty().isNull()));
    dnsList.setId("curator-dns-list");
    dnsList.setTooltip(
        new Tooltip(
            "Build the signed EIP-1459 list of a service's verified nodes and compare it with the"
                + " published one before writing it"));
    HBox curatorActions = new HBox(8, newCurator, addCurator, removeCurator);
    newService.setId("curator-new-service");
    newService.setAccessibleText("Name of a service to add to the registry's catalogue");
    newService.setPromptText("a new service for the catalogue, e.g. push-notification");
    newService.textProperty().bindBidirectional(model.newService);
    HBox.setHgrow(newService, Priority.ALWAYS);
    addService.setId("curator-add-service");
    addService.setAccessibleText("Add the service to the registry's catalogue");
    addService.disableProperty().bind(model.isCurator.not().or(model.newService.isEmpty()));
    HBox serviceActions = new HBox(8, newService, addService);
    serviceActions.visibleProperty().bind(model.isCurator);
    serviceActions.managedProperty().bind(serviceActions.visibleProperty());
    newOwner.setId("curator-new-owner");
    newOwner.setAccessibleText("Address of the registry's next owner");
    newOwner.setPromptText("0x… address of the next owner (it must accept)");
    HBox.setHgrow(newOwner, Priority.ALWAYS);
    transferOwnership.setId("curator-transfer-ownership");
    transferOwnership.setTooltip(
        new Tooltip("Offer the registry's ownership; the new owner takes it with acceptOwnership"));
    transferOwnership
        .disableProperty()
        .bind(
            model
                .isOwner
                .not()
                .or(
                    Bindings.createBooleanBinding(
                        () -> !model.newOwner.get().strip().matches("0x[0-9a-fA-F]{40}"),
                        model.newOwner)));
    newOwner.textProperty().bindBidirectional(model.newOwner);
    HBox ownerActions = new HBox(8, newOwner, transferOwnership);
    ownerActions.visibleProperty().bind(model.isOwner);
    ownerActions.managedProperty().bind(ownerActions.visibleProperty());

    VBox main =
        new VBox(
            12,
            titleRow(heading),
            permission,
            filters,
            table,
            actions,
            providerNodes,
            txStatus,
            curatorsTitle,
            curatorList,
            curatorActions,
            serviceActions,
            ownerActions,
            acceptRow(model),
            settings(model));
    main.setPadding(new Insets(20));
    // The owner's sections below the providers used to squeeze the table to a few rows in a short
    // window: now the screen scrolls, the table keeps a useful height, and in a tall window it
    // still takes the height left over (the content is at least as tall as the viewport).
    table.setMinHeight(240);
    ScrollPane scroll = new ScrollPane(main);
    scroll.setId("curator-scroll");
    scroll.setFitToWidth(true);
    scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
    scroll.setFocusTraversable(false);
    main.minHeightProperty()
        .bind(
            Bindings.createDoubleBinding(
                () -> scroll.getViewportBounds().getHeight(), scroll.viewportBoundsProperty()));
    HBox.setHgrow(scroll, Priority.ALWAYS);
    root = new HBox(scroll, safePanel);
  }

  /** For the pending owner only: the offer, and the button that takes it. */
  private HBox acceptRow(CuratorModel model) {
    Label offered =
        new Label(
            "The registry's ownership is offered to whom you act for: accept it to become the owner.");
    offered.setWrapText(true);
    acceptOwnership.setId("curator-accept-ownership");
    acceptOwnership.getStyleClass().add("success");
    acceptOwnership.setMinWidth(Region.USE_PREF_SIZE);
    acceptOwnership.setTooltip(
        new Tooltip("Become the registry's owner (acceptOwnership); the previous owner loses it"));
    acceptOwnership.disableProperty().bind(model.isPendingOwner.not());
    HBox row = new HBox(8, offered, acceptOwnership);
    row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    row.visibleProperty().bind(model.isPendingOwner);
    row.managedProperty().bind(row.visibleProperty());
    return row;
  }

  /** For the owner only: the registry's settings, each with its current value and a field. */
  private VBox settings(CuratorModel model) {
    Label title = new Label("Registry settings (owner)");
    title.getStyleClass().add("title-4");
    Label current = new Label();
    current.setId("curator-settings-current");
    current.setWrapText(true);
    current.setMinHeight(Region.USE_PREF_SIZE);
    current.textProperty().bind(model.currentSettings);
    HBox fields =
        new HBox(
            8,
            setting(
                "Maximum proof validity",
                maxProofValidity,
                setMaxProofValidity,
                "max-proof-validity",
                "e.g. 7d (1h to 30d)",
                model.maxProofValidity,
                model),
            setting(
                "Re-apply cooldown",
                reapplyCooldown,
                setReapplyCooldown,
                "reapply-cooldown",
                "e.g. 30d (0 to 365d)",
                model.reapplyCooldown,
                model));
    fields.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    VBox box = new VBox(6, title, current, fields);
    box.visibleProperty().bind(model.isOwner);
    box.managedProperty().bind(box.visibleProperty());
    return box;
  }

  private static HBox setting(
      String name,
      TextField field,
      Button set,
      String id,
      String prompt,
      javafx.beans.property.StringProperty value,
      CuratorModel model) {
    Label label = new Label(name);
    label.setLabelFor(field);
    label.setMinWidth(Region.USE_PREF_SIZE);
    field.setId("curator-" + id);
    field.setAccessibleText(name + ", a duration such as 7d, 36h or 90m");
    field.setPromptText(prompt);
    field.setPrefColumnCount(12);
    field.textProperty().bindBidirectional(value);
    set.setId("curator-set-" + id);
    set.setAccessibleText("Set the " + name.toLowerCase(java.util.Locale.ROOT));
    set.setTooltip(new Tooltip("Set the registry's " + name.toLowerCase(java.util.Locale.ROOT)));
    set.setMinWidth(Region.USE_PREF_SIZE);
    set.disableProperty().bind(model.isOwner.not());
    HBox row = new HBox(6, label, field, set);
    row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    return row;
  }

  /** The heading, and on the right the DNS list window's button (a curator's other duty). */
  private HBox titleRow(HBox heading) {
    javafx.scene.layout.Region spacer = new javafx.scene.layout.Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox row = new HBox(8, heading, spacer, dnsList);
    row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    return row;
  }

  private static BooleanBinding selectedIsNoneOf(
      CuratorModel model, ProviderStatus one, ProviderStatus other) {
    return Bindings.createBooleanBinding(
        () -> !model.selectedIs(one) && !model.selectedIs(other), model.selected);
  }

  private static BooleanBinding selectedIsNot(CuratorModel model, ProviderStatus status) {
    return Bindings.createBooleanBinding(() -> !model.selectedIs(status), model.selected);
  }

  private static TableColumn<ProviderRow, String> column(
      String name, Function<ProviderRow, String> value, double width) {
    TableColumn<ProviderRow, String> column = new TableColumn<>(name);
    column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
    column.setPrefWidth(width);
    return column;
  }

  Node root() {
    return root;
  }
}
