package io.waypost.app.console.overview;

import io.waypost.app.console.shell.Focus;
import io.waypost.app.console.shell.NavigationTarget;
import io.waypost.core.trust.TrustCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/**
 * Lays out the Overview as cards. Each card is a button (a screen reader names it, Tab reaches it,
 * Enter or a click opens the screen that acts on it); cards stay the same nodes across updates, so
 * the keyboard focus stays where the user left it.
 */
final class OverviewView {

  private final BiConsumer<NavigationTarget, Focus> open;
  private final Card network;
  private final Card pending;
  private final Card transactions;
  private final Card failedChecks;
  private final Card events;
  private final Map<String, Card> serviceCards = new LinkedHashMap<>();
  private final FlowPane health = new FlowPane(12, 12);
  private final FlowPane servicesPane = new FlowPane(12, 12);
  private final FlowPane actions = new FlowPane(12, 12);
  private final ScrollPane root;

  OverviewView(BiConsumer<NavigationTarget, Focus> open) {
    this.open = open;
    network = card("overview-card-network", NavigationTarget.SETTINGS, new Focus.NetworkSettings());
    pending =
        card("overview-card-pending", NavigationTarget.CURATOR, new Focus.PendingApplications());
    transactions =
        card("overview-card-transactions", NavigationTarget.ACTIVITY, new Focus.RecentActivity());
    failedChecks = new Card("overview-card-failed-checks");
    events = card("overview-card-events", NavigationTarget.ACTIVITY, new Focus.RecentActivity());
    health.getChildren().add(network);
    actions.getChildren().addAll(pending, transactions, failedChecks, events);

    Label title = new Label("Overview");
    title.getStyleClass().add("title-2");
    Label question = new Label("Is the network healthy?");
    question.getStyleClass().add("text-muted");
    VBox content =
        new VBox(
            12,
            title,
            question,
            section("Network and index"),
            health,
            section("Servers per service"),
            servicesPane,
            section("Needs attention"),
            actions);
    content.setPadding(new Insets(20));
    root = new ScrollPane(content);
    root.setFitToWidth(true);
    root.setFocusTraversable(false);
  }

  Node root() {
    return root;
  }

  /** Draws a snapshot. FX thread. */
  void show(Health health) {
    Health.Rpc rpc = health.rpc();
    Health.Index index = health.index();
    boolean healthy = rpc.reachable() && index.healthy() && index.lagBlocks() <= 2;
    fill(
        network,
        "Network",
        rpc == Health.Rpc.NOT_ASKED ? "Connecting …" : healthy ? "Healthy" : "Needs a look",
        rpc == Health.Rpc.NOT_ASKED ? "" : healthy ? "card-good" : "card-bad",
        lines(
            health.network(),
            rpc.reachable()
                ? "Endpoint answers in " + rpc.millis() + " ms · head block " + rpc.headBlock()
                : "Endpoint: " + rpc.problem(),
            "Index " + index.state() + (index.lagBlocks() >= 0 ? " · " + lag(index) : ""),
            health.discovery().orElse("Discovery: starting …")));

    List<Card> cards = new ArrayList<>();
    for (Health.ServiceHealth service : health.services()) {
      Card card =
          serviceCards.computeIfAbsent(
              service.name(),
              name ->
                  card(
                      "overview-card-service-" + name,
                      NavigationTarget.DISCOVERY,
                      new Focus.ServiceNodes(name, Optional.empty())));
      boolean watched = health.discovery().isPresent();
      fill(
          card,
          service.name(),
          watched ? service.trusted() + " trusted" : "Not watched",
          !watched ? "" : service.trusted() == 0 ? "card-bad" : "card-good",
          lines(
              "of " + service.registered() + " registered · " + service.seen() + " seen",
              trend(service.trend())));
      cards.add(card);
    }
    if (cards.isEmpty()) {
      Label waiting = new Label("Reading the registry's services …");
      waiting.getStyleClass().add("text-muted");
      servicesPane.getChildren().setAll(waiting);
    } else if (!cards.equals(servicesPane.getChildren())) {
      servicesPane.getChildren().setAll(cards);
    }

    int waiting = health.pendingProviders().size();
    fill(
        pending,
        "Pending applications",
        waiting == 0 ? "None waiting" : waiting + " waiting",
        waiting == 0 ? "card-good" : "card-attention",
        waiting == 0
            ? List.of("No provider waits for a curator.")
            : List.of(String.join(", ", health.pendingProviders()), "Open to approve or reject"));

    int unfinished = health.unfinishedTransactions().size();
    fill(
        transactions,
        "Transactions needing action",
        unfinished == 0 ? "None" : Integer.toString(unfinished),
        unfinished == 0 ? "card-good" : "card-attention",
        unfinished == 0
            ? List.of("Every transaction of this console is mined.")
            : health.unfinishedTransactions());

    long failing = health.failedChecks().values().stream().mapToLong(Long::longValue).sum();
    List<String> byKind = new ArrayList<>();
    health.failedChecks().entrySet().stream()
        .sorted(Map.Entry.<TrustCheck, Long>comparingByValue().reversed())
        .forEach(e -> byKind.add(e.getValue() + " × " + e.getKey().description()));
    String worst =
        health.services().stream()
            .filter(s -> s.seen() > s.trusted())
            .map(Health.ServiceHealth::name)
            .findFirst()
            .orElse(health.services().isEmpty() ? "mailserver" : health.services().get(0).name());
    failedChecks.onOpen(
        () ->
            open.accept(
                NavigationTarget.DISCOVERY,
                new Focus.ServiceNodes(worst, Optional.of("UNTRUSTED"))),
        "Discovery on the untrusted nodes of " + worst);
    fill(
        failedChecks,
        "Failed checks by kind",
        failing == 0 ? "None" : failing + " failed",
        failing == 0 ? "card-good" : "card-attention",
        byKind.isEmpty() ? List.of("Every node seen passes every check.") : byKind);

    fill(
        events,
        "Latest registry events",
        health.latestEvents().isEmpty() ? "None yet" : "",
        "",
        health.latestEvents().isEmpty() ? List.of("Nothing indexed yet.") : health.latestEvents());
  }

  private Card card(String id, NavigationTarget target, Focus focus) {
    Card card = new Card(id);
    card.onOpen(() -> open.accept(target, focus), target.title());
    return card;
  }

  private static void fill(
      Card card, String title, String figure, String tone, List<String> lines) {
    card.fill(title, figure, tone, lines);
  }

  private static List<String> lines(String... lines) {
    return List.of(lines);
  }

  private static String lag(Health.Index index) {
    return index.lagBlocks() == 0 ? "no lag" : index.lagBlocks() + " block(s) behind the head";
  }

  private static String trend(long change) {
    if (change > 0) {
      return "▲ " + change + " more trusted than a minute ago";
    }
    if (change < 0) {
      return "▼ " + -change + " fewer trusted than a minute ago";
    }
    return "steady over the last minute";
  }

  private static Label section(String text) {
    Label label = new Label(text);
    label.getStyleClass().add("title-4");
    return label;
  }
}
