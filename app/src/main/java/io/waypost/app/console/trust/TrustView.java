package io.waypost.app.console.trust;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Lays out Trust: providers to trust, custom servers, a pin, and the selection preview. */
final class TrustView {

  final VBox providers = new VBox(6);
  final ComboBox<String> service = new ComboBox<>();
  final TextField customRecord = new TextField();
  final TextField customLabel = new TextField();
  final Button addCustom = new Button("Add custom server");
  final ListView<String> customList = new ListView<>();
  final Button removeCustom = new Button("Remove selected");
  final ComboBox<String> pinChoice = new ComboBox<>();
  final Button pin = new Button("Pin");
  final Button unpin = new Button("Unpin");
  final Label customError = new Label();
  final Label preview = new Label();
  private final ScrollPane root;

  TrustView() {
    Label title = new Label("Trust");
    title.getStyleClass().add("title-2");
    Label providersTitle = new Label("Providers you trust");
    providersTitle.getStyleClass().add("title-4");
    Label providersNote =
        new Label(
            "A node is trusted only if its provider is approved in the registry and one you trust here.");
    providersNote.getStyleClass().add("text-muted");
    providers.setId("trust-providers");
    providers.setAccessibleText("Providers you trust");

    service.setId("trust-service");

    service.setAccessibleText("Service");
    Label customTitle =
        new Label("Custom servers (usable without registry approval, always shown as custom)");
    customTitle.getStyleClass().add("title-4");
    customRecord.setId("trust-custom-record");
    customRecord.setAccessibleText("Record of a custom server (ENR or enode URL)");
    customRecord.setPromptText("enr:… or enode://<public key>@<ip>:<port>");
    HBox.setHgrow(customRecord, Priority.ALWAYS);
    customLabel.setId("trust-custom-label");
    customLabel.setAccessibleText("Label of the custom server");
    customLabel.setPromptText("Label");
    addCustom.setId("trust-custom-add");
    customError.setId("trust-custom-error");
    customError.getStyleClass().add("error-text");
    customError.setWrapText(true);
    customList.setId("trust-custom-list");
    customList.setAccessibleText("Custom servers");
    customList.setPrefHeight(100);
    removeCustom.setId("trust-custom-remove");
    removeCustom
        .disableProperty()
        .bind(customList.getSelectionModel().selectedItemProperty().isNull());

    Label pinTitle = new Label("Pin a server (it wins while it works)");
    pinTitle.getStyleClass().add("title-4");
    pinChoice.setId("trust-pin-choice");
    pinChoice.setAccessibleText("Server to pin");
    pinChoice.setPrefWidth(520);
    pin.setId("trust-pin");
    unpin.setId("trust-unpin");

    Label previewTitle = new Label("Which server a client would pick now");
    previewTitle.getStyleClass().add("title-4");
    preview.setId("trust-preview");
    preview.setWrapText(true);

    VBox content =
        new VBox(
            12,
            title,
            providersTitle,
            providersNote,
            providers,
            new HBox(8, new Label("Service"), service),
            customTitle,
            new HBox(8, customRecord, customLabel, addCustom),
            customError,
            customList,
            removeCustom,
            pinTitle,
            new HBox(8, pinChoice, pin, unpin),
            previewTitle,
            preview);
    content.setPadding(new Insets(20));
    root = new ScrollPane(content);
    root.setFitToWidth(true);
  }

  Node root() {
    return root;
  }
}
