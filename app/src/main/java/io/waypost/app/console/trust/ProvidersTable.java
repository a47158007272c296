package io.waypost.app.console.trust;

import io.waypost.app.console.common.Copy;
import io.waypost.app.console.safe.SafeRole;
import io.waypost.core.model.ProviderStatus;
import java.util.Locale;
import java.util.function.BiConsumer;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/**
 * The registry's providers with the user's trust in each: name, registry status as a chip, address
 * (shortened, with copy), what their servers are now, and a toggle. Space toggles the selected
 * provider, Ctrl+C copies its address.
 */
final class ProvidersTable {

  private ProvidersTable() {}

  /** {@code onTrust} is told the provider and whether the user now trusts it. FX thread. */
  static TableView<ProviderRow> build(BiConsumer<ProviderRow, Boolean> onTrust) {
    TableView<ProviderRow> table = new TableView<>();
    table.setId("trust-providers");
    table.setAccessibleText("Providers and whether you trust them");
    table.setAccessibleHelp(
        "Space trusts or stops trusting the selected provider; Ctrl+C copies its address");
    table.setPlaceholder(new Label("The registry lists no provider yet."));
    table
        .getColumns()
        .add(
            TrustTables.graphic(
                "You trust",
                row -> toggle(row, onTrust),
                row -> row.trusted() ? "Trusted by you" : "Not trusted by you",
                100,
                96));
    table.getColumns().add(TrustTables.text("Provider", ProviderRow::name, 150, 110));
    table
        .getColumns()
        .add(
            TrustTables.graphic(
                "Registry",
                ProvidersTable::statusChip,
                row -> "Registry status " + row.statusTitle(),
                110,
                100));
    table
        .getColumns()
        .add(
            TrustTables.graphic(
                "Address",
                ProvidersTable::address,
                row -> "Address " + row.address().checksummed(),
                170,
                160));
    table.getColumns().add(TrustTables.text("Its servers now", ProviderRow::servers, 140, 110));
    table.getColumns().add(TrustTables.text("For a client", ProviderRow::effect, 260, 160));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    TrustTables.fitRows(table, 2, 8);
    TrustTables.keys(
        table, row -> row.address().checksummed(), row -> onTrust.accept(row, !row.trusted()));
    return table;
  }

  private static CheckBox toggle(ProviderRow row, BiConsumer<ProviderRow, Boolean> onTrust) {
    CheckBox box = new CheckBox(row.trusted() ? "Trusted" : "No");
    box.setId(row.toggleId());
    box.setSelected(row.trusted());
    box.setAccessibleText("Trust " + row.name());
    box.setFocusTraversable(false); // the table is the Tab stop; Space toggles its selected row
    box.setOnAction(e -> onTrust.accept(row, box.isSelected()));
    return box;
  }

  static Label statusChip(ProviderRow row) {
    Label chip = new Label(row.statusTitle());
    chip.getStyleClass()
        .addAll("verdict-chip", "provider-" + row.status().name().toLowerCase(Locale.ROOT));
    chip.setMinWidth(Region.USE_PREF_SIZE);
    if (row.status() != ProviderStatus.APPROVED) {
      chip.setAccessibleHelp("Only approved providers' servers are trusted");
    }
    return chip;
  }

  private static HBox address(ProviderRow row) {
    Label shortened = new Label(SafeRole.shortAddress(row.address()));
    shortened.getStyleClass().add("sheet-value");
    HBox box =
        new HBox(
            6, shortened, Copy.button("address of " + row.name(), row.address().checksummed()));
    box.getChildren().get(1).setFocusTraversable(false);
    box.setAlignment(Pos.CENTER_LEFT);
    return box;
  }
}
