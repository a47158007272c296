package io.waypost.app.console.overview;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** What the Overview shows; filled by its controller on the FX thread. */
final class OverviewModel {
  final StringProperty network = new SimpleStringProperty("Starting the embedded devnet …");
  final StringProperty chainId = new SimpleStringProperty("–");
  final StringProperty headBlock = new SimpleStringProperty("–");
  final StringProperty registry = new SimpleStringProperty("–");
  final StringProperty indexer = new SimpleStringProperty("–");
  final StringProperty providers = new SimpleStringProperty("–");
  final StringProperty nodes = new SimpleStringProperty("–");
  final StringProperty account = new SimpleStringProperty("–");
  final StringProperty discoveryEnr = new SimpleStringProperty("starting …");
  final StringProperty discovery = new SimpleStringProperty("–");
}
