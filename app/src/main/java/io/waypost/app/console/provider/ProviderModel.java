package io.waypost.app.console.provider;

import io.waypost.core.model.ProviderStatus;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The provider's own state: profile, nodes and the add-a-node form. */
final class ProviderModel {

  /** A registered (node, service) of mine. */
  record NodeRow(String nodeId, String service, String discovery) {}

  final ObjectProperty<ProviderStatus> status = new SimpleObjectProperty<>(ProviderStatus.NONE);
  final StringProperty statusText = new SimpleStringProperty("–");
  final StringProperty name = new SimpleStringProperty("");
  final StringProperty metadataUri = new SimpleStringProperty("");
  final ObservableList<NodeRow> nodes = FXCollections.observableArrayList();
  final ObservableList<String> services = FXCollections.observableArrayList();
  final StringProperty service = new SimpleStringProperty();
  final StringProperty keyFile = new SimpleStringProperty("");
  final StringProperty agentOutput = new SimpleStringProperty("");

  boolean canApply() {
    return status.get() == ProviderStatus.NONE
        || status.get() == ProviderStatus.REJECTED
        || status.get() == ProviderStatus.WITHDRAWN;
  }

  boolean isActive() {
    return status.get() == ProviderStatus.PENDING
        || status.get() == ProviderStatus.APPROVED
        || status.get() == ProviderStatus.SUSPENDED;
  }

  boolean canRegister() {
    return status.get() == ProviderStatus.PENDING || status.get() == ProviderStatus.APPROVED;
  }
}
