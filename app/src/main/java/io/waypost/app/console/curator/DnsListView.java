package io.waypost.app.console.curator;

import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Lays out the DNS list window: which service, domain, key and folder; the tree that would be
 * published and how it differs from the one published now; then writing it.
 */
final class DnsListView {

  final ComboBox<String> service = new ComboBox<>();
  final TextField domain = new TextField();
  final TextField keyFile = new TextField();
  final TextField outDir = new TextField();
  final CheckBox requireProbe = new CheckBox("Only nodes that answered a signed probe just now");
  final Button build = new Button("Build and compare");
  final Label summary = new Label();
  final ListView<String> diff = new ListView<>();
  final Button write = new Button("Write zone file and TXT records");
  final Label result = new Label();
  private final VBox root;

  DnsListView() {
    Label title = new Label("DNS list (EIP-1459)");
    title.getStyleClass().add("title-3");
    Label explain =
        new Label(
            "Builds the signed node list of a service's nodes that verify now, as `waypost dns"
                + " publish` does, and compares it with the list published at the domain before"
                + " anything is written. Clients still verify every listed node on-chain.");
    explain.setWrapText(true);
    explain.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // wrapped whole, not cut
    service.setId("dnslist-service");
    service.setAccessibleText("Service to list");
    domain.setId("dnslist-domain");
    domain.setAccessibleText("Domain of the list");
    domain.setPromptText("e.g. mail.nodes.example.org");
    keyFile.setId("dnslist-key");
    keyFile.setAccessibleText("Curator key file that signs the list");
    keyFile.setPromptText("secp256k1 key file (hex, owner-only), e.g. ~/.waypost/curator.key");
    outDir.setId("dnslist-out");
    outDir.setAccessibleText("Folder for the zone file and the TXT records");
    requireProbe.setId("dnslist-require-probe");
    build.setId("dnslist-build");
    build.setDefaultButton(true);
    summary.setId("dnslist-summary");
    summary.setWrapText(true);
    summary.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    diff.setId("dnslist-diff");
    diff.setMinHeight(150); // five rows at least, however long the summary
    diff.setAccessibleText("Nodes added, removed and unchanged against the published list");
    diff.setPlaceholder(new Label("Build the list to see how it differs from the published one"));
    write.setId("dnslist-write");
    write.setDisable(true);
    result.setId("dnslist-result");
    result.setWrapText(true);
    result.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);

    GridPane form = new GridPane();
    form.setHgap(10);
    form.setVgap(8);
    form.addRow(0, new Label("Service"), service);
    form.addRow(1, new Label("Domain"), domain);
    form.addRow(2, new Label("Curator key file"), keyFile);
    form.addRow(3, new Label("Write to folder"), outDir);
    GridPane.setHgrow(domain, Priority.ALWAYS);
    VBox.setVgrow(diff, Priority.ALWAYS);
    root =
        new VBox(
            10,
            title,
            explain,
            form,
            requireProbe,
            build,
            summary,
            diff,
            new HBox(8, write),
            result);
    root.setPadding(new Insets(16));
    root.setPrefSize(780, 660);
  }

  Parent root() {
    return root;
  }
}
