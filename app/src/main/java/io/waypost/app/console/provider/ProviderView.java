package io.waypost.app.console.provider;

import io.waypost.app.console.provider.ProviderModel.NodeRow;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Lays out the Provider screen: my profile, my nodes, and adding a node. */
final class ProviderView {

  final TextField name = new TextField();
  final TextField metadataUri = new TextField();
  final Button apply = new Button("Apply as provider");
  final Button update = new Button("Propose profile update");
  final Button withdraw = new Button("Withdraw");
  final TableView<NodeRow> nodes;
  final Button removeNode = new Button("Remove selected node");
  final ComboBox<String> service = new ComboBox<>();
  final TextField keyFile = new TextField();
  final Button browse = new Button("Choose…");
  final Button registerKey = new Button("Register node from key file");
  final TextArea agentOutput = new TextArea();
  final Button registerPasted = new Button("Register pasted proof");
  private final VBox root;

  ProviderView(ProviderModel model, Node txStatus) {
    Label title = new Label("Provider");
    title.getStyleClass().add("title-2");
    Label status = new Label();
    status.setId("provider-status");
    status.textProperty().bind(model.statusText);
    status.setWrapText(true);

    name.setId("provider-name");

    name.setAccessibleText("Provider name");
    name.setPromptText("Provider name, as users will see it");
    name.textProperty().bindBidirectional(model.name);
    metadataUri.setId("provider-uri");
    metadataUri.setAccessibleText("Website or contact");
    metadataUri.setPromptText("https://… website or contact");
    metadataUri.textProperty().bindBidirectional(model.metadataUri);
    GridPane form = new GridPane();
    form.setHgap(10);
    form.setVgap(8);
    form.addRow(0, new Label("Name"), name);
    form.addRow(1, new Label("Website / contact"), metadataUri);
    GridPane.setHgrow(name, Priority.ALWAYS);
    GridPane.setHgrow(metadataUri, Priority.ALWAYS);
    apply.setId("provider-apply");
    update.setId("provider-update");
    withdraw.setId("provider-withdraw");
    withdraw.getStyleClass().add("danger");
    apply
        .disableProperty()
        .bind(Bindings.createBooleanBinding(() -> !model.canApply(), model.status));
    update
        .disableProperty()
        .bind(Bindings.createBooleanBinding(() -> !model.isActive(), model.status));
    withdraw
        .disableProperty()
        .bind(Bindings.createBooleanBinding(() -> !model.isActive(), model.status));
    HBox profileActions = new HBox(8, apply, update, withdraw);

    Label nodesTitle = new Label("My nodes");
    nodesTitle.getStyleClass().add("title-4");
    nodes = new TableView<>(model.nodes);
    nodes.setId("provider-nodes");
    nodes.setAccessibleText("My registered nodes");
    nodes.setPrefHeight(160);
    nodes.setPlaceholder(new Label("No nodes registered yet"));
    TableColumn<NodeRow, String> id = new TableColumn<>("Node id");
    id.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().nodeId()));
    id.setPrefWidth(300);
    TableColumn<NodeRow, String> svc = new TableColumn<>("Service");
    svc.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().service()));
    svc.setPrefWidth(180);
    TableColumn<NodeRow, String> live = new TableColumn<>("Discovery: what a client sees");
    live.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().discovery()));
    live.setPrefWidth(420);
    nodes.getColumns().add(id);
    nodes.getColumns().add(svc);
    nodes.getColumns().add(live);
    removeNode.setId("provider-remove-node");
    removeNode.disableProperty().bind(nodes.getSelectionModel().selectedItemProperty().isNull());

    Label addTitle = new Label("Add a node");
    addTitle.getStyleClass().add("title-4");
    service.setId("provider-service");
    service.setAccessibleText("Service of the node to register");
    service.setItems(model.services);
    service.valueProperty().bindBidirectional(model.service);
    service.setPromptText("Service");
    keyFile.setId("provider-key-file");
    keyFile.setAccessibleText("Node key file");
    keyFile.setPromptText(
        "Node key file (the agent's --node-key): the proof of possession is made for you");
    keyFile.textProperty().bindBidirectional(model.keyFile);
    HBox.setHgrow(keyFile, Priority.ALWAYS);
    registerKey.setId("provider-register-key");
    browse.setId("provider-browse");
    browse.setAccessibleText("Choose a node key file");
    agentOutput.setId("provider-agent-output");
    io.waypost.app.console.common.Keyboard.tabLeaves(agentOutput);
    agentOutput.setAccessibleText("The agent's JSON output to register");
    agentOutput.setPromptText(
        "…or paste the output of `waypost agent --json --provider <you> --registry … --chain-id …`");
    agentOutput.setPrefRowCount(3);
    agentOutput.textProperty().bindBidirectional(model.agentOutput);
    registerPasted.setId("provider-register-pasted");
    var cannotRegister = Bindings.createBooleanBinding(() -> !model.canRegister(), model.status);
    registerKey
        .disableProperty()
        .bind(cannotRegister.or(model.service.isNull()).or(model.keyFile.isEmpty()));
    registerPasted.disableProperty().bind(cannotRegister.or(model.agentOutput.isEmpty()));
    HBox byKey = new HBox(8, service, keyFile, browse, registerKey);
    HBox byPaste = new HBox(8, agentOutput, registerPasted);
    HBox.setHgrow(agentOutput, Priority.ALWAYS);

    root =
        new VBox(
            12,
            title,
            status,
            form,
            profileActions,
            txStatus,
            nodesTitle,
            nodes,
            removeNode,
            addTitle,
            byKey,
            byPaste);
    root.setPadding(new Insets(20));
  }

  Node root() {
    return root;
  }
}
