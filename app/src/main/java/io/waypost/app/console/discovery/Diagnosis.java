package io.waypost.app.console.discovery;

import io.waypost.app.console.ConsoleContext;
import io.waypost.app.console.UiThread;
import io.waypost.app.console.common.Notifications;
import io.waypost.app.console.common.VerdictChip;
import io.waypost.core.client.ServiceClient;
import io.waypost.core.client.ServiceClient.KnownNode;
import io.waypost.core.discovery.enr.InvalidRecordException;
import io.waypost.core.model.NodeId;
import io.waypost.core.model.ServiceId;
import io.waypost.core.network.NetworkSession;
import io.waypost.core.network.VerdictSnapshot;
import io.waypost.core.trust.TrustVerdict;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.tuweni.bytes.Bytes;

/**
 * What support staff ask of one node, answered in the result line and the sheet: "why can't I get a
 * server?" for a pasted record or node id, a probe, an encrypted test request. Each starts on the
 * FX thread, runs in the session's service client and shows its answer on the FX thread.
 */
final class Diagnosis {

  private static final Pattern NODE_ID = Pattern.compile("(0x)?[0-9a-fA-F]{64}");

  private final ConsoleContext context;
  private final Notifications notifications;
  private final DiscoveryModel model;
  private final ChosenNode chosen;
  private final Supplier<Optional<VerdictSnapshot>> newest;

  Diagnosis(
      ConsoleContext context,
      Notifications notifications,
      DiscoveryModel model,
      ChosenNode chosen,
      Supplier<Optional<VerdictSnapshot>> newest) {
    this.context = context;
    this.notifications = notifications;
    this.model = model;
    this.chosen = chosen;
    this.newest = newest;
  }

  private Optional<ServiceClient> client(String service) {
    return context.discovery().map(d -> d.client(service));
  }

  /**
   * Answers "why can't I get a server?" for one node: a pasted record is checked against the
   * registry and probed (every check shown in the sheet); a pasted node id is looked up among the
   * nodes discovery knows for every service, else the registry's view of it is shown. FX thread.
   */
  void diagnose(String input) {
    String text = input == null ? "" : input.strip();
    if (text.isEmpty()) {
      return;
    }
    if (NODE_ID.matcher(text).matches()) {
      diagnoseNodeId(NodeId.fromHex(text.startsWith("0x") ? text.substring(2) : text));
      return;
    }
    String service = model.service.get();
    Optional<ServiceClient> client = client(service);
    if (client.isEmpty()) {
      model.result.set("Discovery has not started yet; try again in a moment.");
      return;
    }
    CompletableFuture<TrustVerdict> check;
    try {
      check = client.get().check(text);
    } catch (InvalidRecordException e) {
      model.result.set("Not a node record: " + e.getMessage());
      return;
    }
    model.result.set("Checking the pasted node for " + service + ": registry and probe …");
    notifications
        .track("Diagnosing a node", "Probing it and checking it against the registry", check, true)
        .whenComplete(
            (verdict, failure) ->
                UiThread.run(
                    () -> {
                      if (failure != null) {
                        model.result.set(
                            "The diagnosis stopped: " + Notifications.messageOf(failure));
                        return;
                      }
                      model.result.set(
                          "Diagnosis for "
                              + service
                              + ": "
                              + verdict.kind()
                              + " — "
                              + VerdictChip.reason(verdict));
                      Optional<KnownNode> node = client.get().known(verdict.nodeId());
                      if (node.isPresent() && service.equals(model.service.get())) {
                        chosen.choose(row(node.get(), verdict));
                      }
                    }));
  }

  /**
   * Looks a node id up among the nodes discovery knows, for the service shown first, then the
   * others the newest snapshot lists (its catalogue's names: no index read on the FX thread). FX
   * thread.
   */
  private void diagnoseNodeId(NodeId node) {
    String shown = model.service.get();
    Optional<NetworkSession> session = context.session();
    Optional<VerdictSnapshot> snapshot = newest.get();
    Optional<Map.Entry<String, ServiceClient>> seenFor = Optional.empty();
    if (session.isPresent() && snapshot.isPresent()) {
      Map<String, ServiceClient> knowing = new TreeMap<>();
      for (ServiceId service : snapshot.get().byService().keySet()) {
        session
            .get()
            .client(service)
            .filter(client -> client.known(node).isPresent())
            .ifPresent(
                client ->
                    knowing.put(
                        snapshot.get().serviceNames().getOrDefault(service, service.toString()),
                        client));
      }
      seenFor =
          knowing.containsKey(shown)
              ? Optional.of(Map.entry(shown, knowing.get(shown)))
              : knowing.entrySet().stream().findFirst();
    }
    if (seenFor.isEmpty()) {
      chosen.forget(Optional.of(node));
      model.result.set(
          "Discovery has not seen node "
              + node.toString().substring(0, 12)
              + "… for any service: it is not advertising, or not reachable. Its registry entry"
              + " is shown; paste its ENR to probe it.");
      return;
    }
    String service = seenFor.get().getKey();
    ServiceClient client = seenFor.get().getValue();
    model.search.set("");
    model.verdictFilter.set(DiscoveryModel.ALL);
    model.service.set(service); // the table shows the node's service, its row chosen on arrival
    chosen.follow(node);
    Optional<TrustVerdict> verdict =
        snapshot.get().of(client.service()).stream()
            .filter(v -> v.nodeId().equals(node))
            .findFirst();
    Optional<KnownNode> known = client.known(node);
    if (verdict.isPresent() && known.isPresent()) {
      chosen.choose(row(known.get(), verdict.get()));
      model.result.set(
          "Seen for "
              + service
              + ": "
              + verdict.get().kind()
              + " — "
              + VerdictChip.reason(verdict.get()));
    } else {
      model.result.set("Seen for " + service + "; its verdict is shown with the next update.");
    }
  }

  /** Pings the chosen node and asks it to sign a challenge. FX thread. */
  void probe() {
    PeerRow row = model.chosen.get();
    Optional<ServiceClient> client = client(model.service.get());
    if (row == null || client.isEmpty()) {
      return;
    }
    model.result.set("Probing " + row.shortId() + " …");
    client
        .get()
        .probe(row.node().nodeId())
        .thenAccept(
            liveness -> UiThread.run(() -> model.result.set("Probe: " + liveness.detail())));
  }

  /**
   * Sends the chosen node a request encrypted to its key and shows its signed answer. FX thread.
   */
  void request() {
    PeerRow row = model.chosen.get();
    Optional<ServiceClient> client = client(model.service.get());
    if (row == null || client.isEmpty()) {
      return;
    }
    long start = System.nanoTime();
    model.result.set("Sending an encrypted test request to " + row.shortId() + " …");
    client
        .get()
        .request(
            row.node().nodeId(),
            Bytes.wrap("waypost console test request".getBytes(StandardCharsets.UTF_8)))
        .whenComplete(
            (answer, failure) -> {
              long millis = (System.nanoTime() - start) / 1_000_000;
              String text =
                  failure == null
                      ? "Answer in "
                          + millis
                          + " ms (encrypted to the node's key, signed by it): "
                          + new String(answer.toArrayUnsafe(), StandardCharsets.UTF_8)
                      : "The request failed after "
                          + millis
                          + " ms: "
                          + Notifications.messageOf(failure);
              UiThread.run(() -> model.result.set(text));
            });
  }

  private static PeerRow row(KnownNode node, TrustVerdict verdict) {
    return new PeerRow(node, verdict, LivePeers.address(node));
  }
}
