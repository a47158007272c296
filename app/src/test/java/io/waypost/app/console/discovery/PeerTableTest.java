package io.waypost.app.console.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.waypost.core.client.ServiceClient.KnownNode;
import io.waypost.core.model.NodeId;
import io.waypost.core.model.ServiceId;
import io.waypost.core.trust.Observation;
import io.waypost.core.trust.TrustVerdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;

class PeerTableTest {

  @Test
  void onlyChangedRowsAreTouchedAndChangesFoldWithoutLoss() {
    ObservableList<PeerRow> rows = FXCollections.observableArrayList();
    PeerTable table = new PeerTable(rows);
    PeerTable.Differ differ = new PeerTable.Differ();
    table.apply(
        differ.diff(
            "mailserver",
            List.of(
                row(1, TrustVerdict.Kind.TRUSTED),
                row(2, TrustVerdict.Kind.TRUSTED),
                row(3, TrustVerdict.Kind.UNKNOWN))));
    List<String> changes = new ArrayList<>();
    rows.addListener(
        (ListChangeListener<PeerRow>)
            c -> {
              while (c.next()) {
                changes.add(
                    c.wasReplaced()
                        ? "replaced " + c.getFrom()
                        : c.wasAdded() ? "added" : "removed");
              }
            });
    PeerTable.Changes one =
        differ.diff(
            "mailserver",
            List.of(
                row(1, TrustVerdict.Kind.TRUSTED),
                row(2, TrustVerdict.Kind.TRUSTED),
                row(3, TrustVerdict.Kind.UNTRUSTED)));
    assertEquals(1, one.upserts().size(), "only the changed row is kept");
    table.apply(one);
    assertEquals(List.of("replaced 2"), changes);

    // Two builds the FX thread did not show in between fold into one: nothing is lost.
    PeerTable.Changes two =
        differ.diff(
            "mailserver",
            List.of(
                row(1, TrustVerdict.Kind.TRUSTED),
                row(3, TrustVerdict.Kind.UNTRUSTED),
                row(4, TrustVerdict.Kind.CUSTOM)));
    PeerTable.Changes three =
        differ.diff(
            "mailserver",
            List.of(
                row(1, TrustVerdict.Kind.UNTRUSTED),
                row(3, TrustVerdict.Kind.UNTRUSTED),
                row(4, TrustVerdict.Kind.CUSTOM)));
    table.apply(two.then(three));
    assertEquals(List.of("1", "3", "4"), rows.stream().map(r -> r.nodeId().substring(65)).toList());
    assertEquals("UNTRUSTED", rows.get(0).verdictText());
    assertEquals("CUSTOM", rows.get(2).verdictText());
  }

  @Test
  void tenThousandNodesAreTenThousandRows() {
    ObservableList<PeerRow> rows = FXCollections.observableArrayList();
    List<PeerRow> many = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      many.add(row(i, TrustVerdict.Kind.TRUSTED));
    }
    new PeerTable(rows).apply(new PeerTable.Differ().diff("mailserver", many));
    assertEquals(10_000, rows.size());
  }

  static PeerRow row(int id, TrustVerdict.Kind kind) {
    NodeId node = new NodeId(Bytes32.leftPad(Bytes.ofUnsignedInt(id)));
    KnownNode known =
        new KnownNode(
            node,
            null,
            Bytes.EMPTY,
            Set.of(Observation.Advertisement.TOPIC_AD),
            Optional.empty(),
            Observation.Liveness.notYetProbed(),
            Instant.EPOCH,
            1,
            false);
    TrustVerdict verdict =
        new TrustVerdict(
            node,
            ServiceId.of("mailserver"),
            kind,
            List.of(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    return new PeerRow(known, verdict, "127.0.0.1:" + (9000 + id));
  }
}
