package io.waypost.app.console.curator;

import io.waypost.core.index.RegistryView.IndexedNode;
import io.waypost.core.model.Address;
import io.waypost.core.model.ServiceId;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;

/**
 * The selected provider's registered nodes, and a curator's takedown of one (the contract's {@code
 * removeNode}, which a curator may call for any provider's node, as {@code waypost curator
 * remove-node} does). FX thread only; the registrations come with each refresh of the index.
 */
final class ProviderNodes {

  /** One node's registration for one service, as the list shows it. */
  record Registration(IndexedNode node, String service) {
    @Override
    public String toString() {
      String id = node.nodeId().toString();
      return id.substring(0, 10)
          + "…"
          + id.substring(id.length() - 6)
          + "  for "
          + service
          + "  (registered at block "
          + node.block()
          + ")";
    }
  }

  private final CuratorModel model;
  private final ListView<Registration> list = new ListView<>();
  private final Button remove = new Button("Remove node from the registry");
  private final VBox root;
  private Map<Address, List<Registration>> byProvider = Map.of();

  ProviderNodes(CuratorModel model, Consumer<Registration> onRemove) {
    this.model = model;
    Label title = new Label("Nodes of the selected provider");
    title.getStyleClass().add("title-4");
    list.setId("curator-nodes");
    list.setAccessibleText("Nodes the selected provider registered");
    list.setPlaceholder(new Label("Select a provider to see the nodes it registered"));
    list.setPrefHeight(96);
    list.setMinHeight(64);
    remove.setId("curator-remove-node");
    remove.getStyleClass().add("danger");
    remove.setMinWidth(Button.USE_PREF_SIZE);
    remove.setTooltip(
        new Tooltip(
            "Take the chosen node's registration for its service off the registry (curators"
                + " only): clients stop trusting it at their next index update"));
    remove
        .disableProperty()
        .bind(model.isCurator.not().or(list.getSelectionModel().selectedItemProperty().isNull()));
    remove.setOnAction(
        e -> {
          Registration chosen = list.getSelectionModel().getSelectedItem();
          if (chosen != null) {
            onRemove.accept(chosen);
          }
        });
    // The button under the list, on the left: the bottom right is where notifications appear.
    root = new VBox(6, title, list, remove);
    root.visibleProperty().bind(Bindings.isNotNull(model.selected));
    root.managedProperty().bind(root.visibleProperty());
    model.selected.addListener((o, was, now) -> showSelected());
  }

  Node view() {
    return root;
  }

  /** The index's registrations now, with the catalogue's names. */
  void show(List<IndexedNode> nodes, Map<ServiceId, String> services) {
    byProvider =
        nodes.stream()
            .map(n -> new Registration(n, services.getOrDefault(n.serviceId(), "unnamed service")))
            .collect(Collectors.groupingBy(r -> r.node().provider()));
    showSelected();
  }

  private void showSelected() {
    ProviderRow provider = model.selected.get();
    List<Registration> shown =
        provider == null
            ? List.of()
            : byProvider.getOrDefault(provider.provider().address(), List.of());
    if (!shown.equals(list.getItems())) {
      Registration chosen = list.getSelectionModel().getSelectedItem();
      list.getItems().setAll(shown);
      if (chosen != null && shown.contains(chosen)) {
        list.getSelectionModel().select(chosen);
      }
    }
  }
}
