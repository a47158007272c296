package io.waypost.app.console.discovery;

import io.waypost.app.console.ConsoleContext;
import io.waypost.app.console.UiThread;
import io.waypost.core.index.IndexedEvent;
import io.waypost.core.index.RegistryView;
import io.waypost.core.model.Address;
import io.waypost.core.model.NodeId;
import io.waypost.core.model.ServiceId;
import io.waypost.core.network.NetworkSession;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.scene.Node;

/**
 * The Discovery details pane: one node's sheet (see {@link NodeSheet}). What discovery knows comes
 * with each row; the registry entry, the history and the service catalogue are read from SQLite off
 * the FX thread, again only when the index grew. A refresh that changes nothing redraws nothing, so
 * the pane neither flickers nor loses its scroll position.
 */
final class NodeDetails {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz", Locale.ROOT)
          .withZone(ZoneId.systemDefault());

  private final ConsoleContext context;
  private final NodeSheet sheet = new NodeSheet();
  // FX thread only:
  private Map<ServiceId, String> catalogue = Map.of();
  private NodeSheet.Facts facts;
  private NodeSheet.Registry registry = NodeSheet.Registry.LOADING;
  private int eventsRead = -1;
  private PeerRow lastRow;

  NodeDetails(ConsoleContext context) {
    this.context = context;
  }

  Node view() {
    return sheet.view();
  }

  /** The sheet as text (what "Copy these details" copies). FX thread only. */
  String report() {
    return sheet.report();
  }

  /** Back to the prompt: no node chosen. FX thread only. */
  void clear() {
    facts = null;
    sheet.clear();
  }

  /** Says that the node shown has left the live peers; its details stay. FX thread only. */
  void markGone(String nodeId) {
    if (facts != null && facts.nodeId().equals(nodeId) && !facts.gone()) {
      facts =
          new NodeSheet.Facts(
              facts.nodeId(),
              facts.verdict(),
              facts.enr(),
              facts.seq(),
              facts.foundBy(),
              facts.address(),
              facts.rtt(),
              facts.fields(),
              true);
      sheet.show(facts, registry);
    }
  }

  /** Shows a row's node; redraws only what changed. FX thread only. */
  void show(PeerRow row) {
    if (row == null) {
      return;
    }
    lastRow = row;
    show(factsOf(row), row.verdict().provider());
  }

  /** Shows a node discovery does not know (a diagnosed node id): the registry's view only. */
  void showUnseen(NodeId node) {
    lastRow = null;
    show(
        new NodeSheet.Facts(
            node.toString(),
            Optional.empty(),
            Optional.empty(),
            "–",
            "–",
            "–",
            "–",
            List.of(),
            false),
        Optional.empty());
  }

  private void show(NodeSheet.Facts next, Optional<Address> provider) {
    boolean otherNode = facts == null || !facts.nodeId().equals(next.nodeId());
    if (otherNode) {
      registry = NodeSheet.Registry.LOADING;
      eventsRead = -1;
    }
    if (!next.equals(facts)) {
      facts = next;
      sheet.show(facts, registry);
    }
    NodeId node = NodeId.fromHex(next.nodeId());
    int read = otherNode ? -1 : eventsRead;
    context.work().execute(() -> loadRegistry(node, provider, read));
  }

  private NodeSheet.Facts factsOf(PeerRow row) {
    List<RecordFields.Field> fields = RecordFields.of(row.node().record(), catalogue);
    return new NodeSheet.Facts(
        row.nodeId(),
        Optional.of(row.verdict()),
        Optional.of(row.node().record().asEnr()),
        row.seq(),
        row.foundBy(),
        row.address(),
        row.rtt(),
        fields,
        false);
  }

  /** Reads the registry entry, history and catalogue, unless the index has not grown. Worker. */
  private void loadRegistry(NodeId node, Optional<Address> provider, int eventsShown) {
    Optional<NetworkSession> session = context.session();
    if (session.isEmpty()) {
      return;
    }
    RegistryView view = session.get().view();
    int events = view.eventCount();
    if (events == eventsShown) {
      return;
    }
    Map<ServiceId, String> services = view.services();
    List<String> entry = new ArrayList<>();
    List<RegistryView.IndexedNode> registrations =
        view.nodes().stream().filter(n -> n.nodeId().equals(node)).toList();
    Optional<Address> owner =
        provider.or(
            () -> registrations.stream().map(RegistryView.IndexedNode::provider).findFirst());
    owner.ifPresentOrElse(
        address ->
            entry.add(
                view.provider(address)
                    .map(
                        p ->
                            "Provider "
                                + p.name()
                                + " ("
                                + p.status().name().toLowerCase(Locale.ROOT)
                                + p.statusReason().map(r -> ": " + r).orElse("")
                                + ") "
                                + address.checksummed())
                    .orElse("Provider " + address.checksummed() + " (not in the registry)")),
        () -> entry.add("No provider: the node is not in the registry."));
    if (registrations.isEmpty()) {
      entry.add("Registered for no service.");
    }
    for (RegistryView.IndexedNode registration : registrations) {
      entry.add(
          "Registered for "
              + services.getOrDefault(registration.serviceId(), registration.serviceId().toString())
              + " at block "
              + registration.block());
    }
    List<String> history = new ArrayList<>();
    for (IndexedEvent e : view.nodeHistory(node, owner, 20)) {
      history.add(
          TIME.format(e.timestamp())
              + "  block "
              + e.blockNumber()
              + "  "
              + e.name()
              + (e.details().isEmpty() ? "" : "  " + e.details()));
    }
    NodeSheet.Registry loaded = new NodeSheet.Registry(List.copyOf(entry), List.copyOf(history));
    UiThread.run(
        () -> {
          if (facts == null || !facts.nodeId().equals(node.toString())) {
            return; // the user chose another node meanwhile
          }
          if (!services.equals(catalogue)) {
            catalogue = services; // names the services the record advertises
            if (lastRow != null && lastRow.nodeId().equals(facts.nodeId())) {
              facts = factsOf(lastRow);
            }
          }
          eventsRead = events;
          registry = loaded;
          sheet.show(facts, registry);
        });
  }
}
