package io.waypost.app.console.discovery;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.collections.ObservableList;

/**
 * Applies a new set of rows to the table's list in place: only rows that changed are replaced, new
 * ones appended, vanished ones removed. A table of 10,000 peers receiving a few hundred updates a
 * second then does work in proportion to the updates, not to the table. FX thread only.
 */
final class PeerTable {

  private final ObservableList<PeerRow> rows;
  private final Map<String, Integer> indexById = new HashMap<>();

  PeerTable(ObservableList<PeerRow> rows) {
    this.rows = rows;
  }

  /** Makes the list hold exactly {@code latest} (by node id), touching only what changed. */
  void apply(List<PeerRow> latest) {
    Set<String> present = new HashSet<>(latest.size() * 2);
    for (PeerRow row : latest) {
      present.add(row.nodeId());
      Integer index = indexById.get(row.nodeId());
      if (index == null) {
        indexById.put(row.nodeId(), rows.size());
        rows.add(row);
      } else if (!same(rows.get(index), row)) {
        rows.set(index, row);
      }
    }
    if (present.size() != rows.size()) {
      rows.removeIf(row -> !present.contains(row.nodeId()));
      reindex();
    }
  }

  /** Replaces single rows (an update stream), adding those not there yet. */
  void update(List<PeerRow> changed) {
    for (PeerRow row : changed) {
      Integer index = indexById.get(row.nodeId());
      if (index == null) {
        indexById.put(row.nodeId(), rows.size());
        rows.add(row);
      } else {
        rows.set(index, row);
      }
    }
  }

  void reset() {
    rows.clear();
    indexById.clear();
  }

  private void reindex() {
    indexById.clear();
    for (int i = 0; i < rows.size(); i++) {
      indexById.put(rows.get(i).nodeId(), i);
    }
  }

  private static boolean same(PeerRow a, PeerRow b) {
    return a.verdict().equals(b.verdict())
        && a.address().equals(b.address())
        && a.node().seq() == b.node().seq()
        && a.node().liveness().equals(b.node().liveness())
        && a.node().source().equals(b.node().source());
  }
}
