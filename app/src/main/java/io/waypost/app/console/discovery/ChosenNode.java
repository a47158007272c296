package io.waypost.app.console.discovery;

import io.waypost.core.model.NodeId;
import java.util.Optional;
import javafx.scene.control.TableView;

/**
 * The node the user chose, kept across refreshes of the table. A refresh replaces changed rows, and
 * the table clears its selection when a selected row is replaced or removed: those changes are not
 * the user's, so the choice stays and is selected again after the refresh, or when a node that left
 * comes back. Probe and Test request follow the choice ({@code model.chosen}), not the table's
 * selection, so a refresh between a press and its release cannot disable the button under the
 * pointer and swallow the click. FX thread only.
 */
final class ChosenNode {

  private final DiscoveryModel model;
  private final TableView<PeerRow> table;
  private final NodeDetails details;
  private String nodeId; // the node the user chose, kept while it is gone
  private boolean refreshing; // selection changes now are a refresh's, not the user's

  ChosenNode(DiscoveryModel model, TableView<PeerRow> table, NodeDetails details) {
    this.model = model;
    this.table = table;
    this.details = details;
    table.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> onSelected(row));
  }

  private void onSelected(PeerRow row) {
    if (refreshing) {
      return;
    }
    nodeId = row == null ? null : row.nodeId();
    model.chosen.set(row);
    if (row != null) {
      details.show(row);
    }
  }

  /** Runs a change of the table's rows or selection that the user did not make. */
  void asRefresh(Runnable change) {
    refreshing = true;
    try {
      change.run();
    } finally {
      refreshing = false;
    }
  }

  /** A row chosen other than by the table (a diagnosis): shown, and followed from now on. */
  void choose(PeerRow row) {
    nodeId = row.nodeId();
    model.chosen.set(row);
    details.show(row);
  }

  /**
   * A node to follow that the table will show once its rows arrive (a diagnosed node id of another
   * service).
   */
  void follow(NodeId node) {
    nodeId = node.toString();
  }

  /**
   * Nothing chosen: the details go back to their prompt, or show {@code unseen}'s registry view.
   */
  void forget(Optional<NodeId> unseen) {
    nodeId = null;
    model.chosen.set(null);
    unseen.ifPresentOrElse(details::showUnseen, details::clear);
  }

  /** Keeps the chosen node selected and its details current after the table changed. */
  void refreshed(PeerTable rows) {
    if (nodeId == null) {
      return;
    }
    Optional<PeerRow> chosen = rows.row(nodeId);
    if (chosen.isPresent()) {
      model.chosen.set(chosen.get());
      if (table.getSelectionModel().getSelectedItem() != chosen.get()) {
        asRefresh(() -> table.getSelectionModel().select(chosen.get()));
      }
      details.show(chosen.get());
    } else {
      model.chosen.set(null);
      details.markGone(nodeId);
    }
  }
}
