package io.waypost.app.console.discovery;

import io.waypost.app.console.ConsoleContext;
import io.waypost.app.console.UiThread;
import io.waypost.core.discovery.enr.NodeRecords;
import io.waypost.core.model.Address;
import io.waypost.core.model.NodeId;
import io.waypost.core.network.NetworkSession;
import java.util.Optional;
import javafx.beans.property.StringProperty;

/**
 * The Discovery details pane: one node's verdict, checks, registry entry and record, and its
 * history from the audit trail in SQLite (read off the FX thread).
 */
final class NodeDetails {

  private final ConsoleContext context;
  private final StringProperty details;
  private DetailsShown shown; // FX thread only

  NodeDetails(ConsoleContext context, StringProperty details) {
    this.context = context;
    this.details = details;
  }

  /** Back to the prompt: no node chosen. FX thread only. */
  void clear() {
    shown = null;
    details.set(DiscoveryModel.NO_NODE_CHOSEN);
  }

  /** Says, once, that the node shown has left the live peers; its details stay. FX thread only. */
  void markGone(String nodeId) {
    if (shown != null && shown.nodeId().equals(nodeId) && !shown.gone()) {
      shown = shown.markedGone();
      details.set(shown.text());
    }
  }

  /**
   * Shows a row's details. The table refreshes every second and replaces changed rows, so this runs
   * often for the same node: the text is only replaced when it changed, and the node's history is
   * kept on screen and read again only when the audit trail grew. Otherwise the pane would flicker
   * and lose its scroll position once a second. FX thread only.
   */
  void show(PeerRow row) {
    if (row == null) {
      return;
    }
    String body = describe(row);
    boolean sameNode = shown != null && shown.nodeId().equals(row.nodeId());
    DetailsShown next =
        sameNode
            ? new DetailsShown(row.nodeId(), body, shown.history(), shown.events())
            : new DetailsShown(row.nodeId(), body, "", -1);
    if (!next.equals(shown)) {
      shown = next;
      details.set(next.text());
    }
    NodeId node = row.node().nodeId();
    Optional<Address> provider = row.verdict().provider();
    int eventsShown = next.events();
    context.work().execute(() -> loadHistory(node, provider, eventsShown));
  }

  /** The details pane's content: the node, its body text and its history as of an event count. */
  private record DetailsShown(String nodeId, String body, String history, int events) {
    private static final String GONE =
        "Not among the live peers now: it missed its pings. It is selected again if it returns.\n\n";

    String text() {
      return body + history;
    }

    boolean gone() {
      return body.startsWith(GONE);
    }

    DetailsShown markedGone() {
      return new DetailsShown(nodeId, GONE + body, history, events);
    }
  }

  private static String describe(PeerRow row) {
    StringBuilder text = new StringBuilder();
    text.append("Node ").append(row.nodeId()).append('\n');
    text.append("Verdict ").append(row.verdict().summary()).append("\n\n");
    text.append("Checks\n").append(row.checks()).append('\n');
    text.append("Registry\n  provider ").append(row.provider()).append('\n');
    row.verdict()
        .provider()
        .ifPresent(p -> text.append("  address  ").append(p.checksummed()).append('\n'));
    text.append("\nRecord (seq ")
        .append(row.seq())
        .append(", found by ")
        .append(row.foundBy())
        .append(")\n  ");
    text.append(row.node().record().asEnr()).append('\n');
    try {
      NodeRecords.describe(row.node().record())
          .fields()
          .forEach(
              (k, v) ->
                  text.append("  ").append(k).append(" = ").append(v.toHexString()).append('\n'));
    } catch (RuntimeException unsigned) {
      text.append("  (an enode: no signed record)\n");
    }
    return text.toString();
  }

  /**
   * Reads the node's and its provider's history from the audit trail in SQLite, newest first,
   * unless the trail has not grown since the history on screen was read.
   */
  private void loadHistory(NodeId node, Optional<Address> provider, int eventsShown) {
    Optional<NetworkSession> session = context.session();
    if (session.isEmpty()) {
      return;
    }
    int events = session.get().view().eventCount();
    if (events == eventsShown) {
      return;
    }
    StringBuilder history = new StringBuilder("\nHistory (registry audit trail)\n");
    session
        .get()
        .view()
        .nodeHistory(node, provider, 20)
        .forEach(
            e ->
                history
                    .append("  block ")
                    .append(e.blockNumber())
                    .append("  ")
                    .append(e.name())
                    .append(e.details().isEmpty() ? "" : "  " + e.details())
                    .append('\n'));
    UiThread.run(
        () -> {
          String nodeId = node.toString();
          if (shown != null && shown.nodeId().equals(nodeId) && shown.events() != events) {
            shown = new DetailsShown(nodeId, shown.body(), history.toString(), events);
            details.set(shown.text());
          }
        });
  }
}
