package io.waypost.app.console.settings;

import io.waypost.app.console.AccountOption;
import io.waypost.core.network.NetworkProfile;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Lays out Settings: networks, accounts, data directory, theme. */
final class SettingsView {

  final ListView<NetworkProfile> profiles = new ListView<>();
  final Button connect = new Button("Connect to selected");
  final TextField profileName = new TextField();
  final TextField rpcUrl = new TextField();
  final TextField chainId = new TextField();
  final TextField registry = new TextField();
  final TextField deploymentBlock = new TextField();
  final TextArea moreRpcUrls = new TextArea();
  final TextField confirmations = new TextField();
  final TextArea bootnodes = new TextArea();
  final TextArea trustedProviders = new TextArea();
  final TextArea enrTrees = new TextArea();
  final TextField capabilityMap = new TextField();
  final Button saveProfile = new Button("Check and save");
  final Label profileError = new Label();
  final ListView<AccountOption> accounts = new ListView<>();
  final Button useAccount = new Button("Act as selected");
  final PasswordField unlockPassword = new PasswordField();
  final Button unlock = new Button("Unlock for this session");
  final PasswordField newPassword = new PasswordField();
  final Button create = new Button("Create new account");
  final TextField importKey = new TextField();
  final Button importButton = new Button("Import private key");

  /** Filled by the controller with {@link DeployRegistrySection}'s form. */
  final VBox deployRegistry = new VBox();

  final Label dataDir = new Label();
  final ToggleButton dark = new ToggleButton("Dark theme");
  private final ScrollPane root;

  SettingsView() {
    Label title = new Label("Settings");
    title.getStyleClass().add("title-2");

    profiles.setId("settings-profiles");

    profiles.setAccessibleText("Saved networks");
    profiles.setCellFactory(
        list ->
            new javafx.scene.control.ListCell<>() {
              @Override
              protected void updateItem(NetworkProfile item, boolean empty) {
                super.updateItem(item, empty);
                setText(
                    empty || item == null
                        ? null
                        : item.name() + " — " + item.rpc() + " (chain " + item.chainId() + ")");
              }
            });
    profiles.setPrefHeight(110);
    connect.setId("settings-connect");
    profileName.setId("settings-profile-name");
    profileName.setAccessibleText("Network name");
    profileName.setPromptText("e.g. mainnet");
    rpcUrl.setId("settings-rpc-url");
    rpcUrl.setAccessibleText("RPC URL");
    rpcUrl.setPromptText("https://… or wss://…");
    chainId.setId("settings-chain-id");
    chainId.setAccessibleText("Chain id");
    chainId.setPromptText("e.g. 1");
    registry.setId("settings-registry");
    registry.setAccessibleText("Registry address");
    registry.setPromptText("0x… registry address");
    deploymentBlock.setId("settings-deployment-block");
    deploymentBlock.setAccessibleText("Deployment block");
    deploymentBlock.setPromptText("empty: found on connect");
    moreRpcUrls.setId("settings-more-rpc-urls");
    moreRpcUrls.setAccessibleText("Further RPC URLs, tried in turn when one fails");
    moreRpcUrls.setPromptText("further RPC URLs, one a line, tried in order when one fails");
    confirmations.setId("settings-confirmations");
    confirmations.setAccessibleText("Confirmation depth");
    confirmations.setPromptText("empty: 2 blocks");
    bootnodes.setId("settings-bootnodes");
    bootnodes.setAccessibleText("Bootnodes");
    bootnodes.setPromptText("enr:… or enode://…, one a line");
    trustedProviders.setId("settings-trusted");
    trustedProviders.setAccessibleText("Trusted providers");
    trustedProviders.setPromptText("provider addresses 0x…, one a line");
    enrTrees.setId("settings-enr-trees");
    enrTrees.setAccessibleText("Node lists (EIP-1459 enrtree URLs)");
    enrTrees.setPromptText("enrtree://KEY@DOMAIN, one a line: every node listed is verified");
    capabilityMap.setId("settings-capability-map");
    capabilityMap.setAccessibleText("Capability map: record capabilities that count as a service");
    capabilityMap.setPromptText(
        "e.g. waku2.store=mailserver,waku2.lightpush=push; empty maps nothing");
    capabilityMap.setText(io.waypost.core.discovery.enr.CapabilityMap.DEFAULT_TEXT);
    for (TextArea area : java.util.List.of(moreRpcUrls, bootnodes, trustedProviders, enrTrees)) {
      area.setPrefRowCount(2);
      io.waypost.app.console.common.Keyboard.tabLeaves(area); // one entry a line: Tab moves on
    }
    saveProfile.setId("settings-save-profile");
    profileError.setId("settings-profile-error");
    profileError.setWrapText(true);
    profileError.getStyleClass().add("error-text");
    GridPane form = new GridPane();
    form.setHgap(10);
    form.setVgap(8);
    form.addRow(0, new Label("Name"), profileName);
    form.addRow(1, new Label("RPC URL"), rpcUrl);
    form.addRow(2, new Label("Chain id"), chainId);
    form.addRow(3, new Label("Registry address"), registry);
    form.addRow(4, new Label("Deployment block"), deploymentBlock);
    form.addRow(5, new Label("Further RPC URLs"), moreRpcUrls);
    form.addRow(6, new Label("Confirmation depth"), confirmations);
    form.addRow(7, new Label("Bootnodes"), bootnodes);
    form.addRow(8, new Label("Trusted providers"), trustedProviders);
    form.addRow(9, new Label("Node lists (DNS)"), enrTrees);
    form.addRow(10, new Label("Capability map"), capabilityMap);
    GridPane.setHgrow(rpcUrl, Priority.ALWAYS);

    accounts.setId("settings-accounts");

    accounts.setAccessibleText("Accounts");
    accounts.setPrefHeight(150);
    useAccount.setId("settings-use-account");
    unlockPassword.setId("settings-unlock-password");
    unlockPassword.setAccessibleText("Keystore password");
    unlockPassword.setPromptText("Keystore password (used once, never stored)");
    unlock.setId("settings-unlock");
    newPassword.setId("settings-new-password");
    newPassword.setAccessibleText("Password for a new or imported keystore");
    newPassword.setPromptText("Password for a new or imported keystore");
    create.setId("settings-create");
    importKey.setId("settings-import-key");
    importKey.setAccessibleText("Private key to import");
    importKey.setPromptText("Private key to import (64 hex digits); it is stored only encrypted");
    importButton.setId("settings-import");
    HBox.setHgrow(importKey, Priority.ALWAYS);
    HBox.setHgrow(unlockPassword, Priority.ALWAYS);

    dataDir.setId("settings-data-dir");
    dark.setId("settings-dark");

    VBox content =
        new VBox(
            12,
            title,
            section("Networks"),
            profiles,
            connect,
            form,
            saveProfile,
            profileError,
            section("Deploy a new registry"),
            deployRegistry,
            section("Accounts"),
            accounts,
            new HBox(8, useAccount, unlockPassword, unlock),
            new HBox(8, newPassword, create),
            new HBox(8, importKey, importButton),
            section("Data directory"),
            dataDir,
            section("Appearance"),
            dark);
    content.setPadding(new Insets(20));
    root = new ScrollPane(content);
    root.setFitToWidth(true);
  }

  private static Label section(String text) {
    Label label = new Label(text);
    label.getStyleClass().add("title-4");
    return label;
  }

  Node root() {
    return root;
  }
}
