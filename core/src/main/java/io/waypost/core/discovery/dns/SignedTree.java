package io.waypost.core.discovery.dns;

import io.waypost.core.discovery.NodeKey;
import io.waypost.core.discovery.enr.NodeAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.tuweni.bytes.Bytes;

/**
 * An EIP-1459 tree ready to publish: the root's text and every other entry by its hash. Built from
 * node records and links and signed with the curator's key, as go-ethereum's {@code dnsdisc} builds
 * them: leaves sorted, at most {@value TreeEntry#MAX_BRANCH_CHILDREN} hashes per branch.
 *
 * @param entries every entry but the root: hash (the name under the domain) to TXT text
 */
public record SignedTree(EnrTreeUrl url, TreeEntry.Root root, Map<String, String> entries) {

  public SignedTree {
    entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
  }

  /**
   * Builds and signs a tree.
   *
   * @param seq the sequence number; the caller makes sure it is above any published before
   */
  public static SignedTree build(
      String domain, long seq, List<NodeAddress> nodes, List<EnrTreeUrl> links, NodeKey key) {
    if (seq < 0) {
      throw new IllegalArgumentException("a sequence number is not negative");
    }
    for (NodeAddress node : nodes) {
      if (!node.isEnr()) {
        throw new IllegalArgumentException(
            "a tree holds signed records (enr:), not " + node.text());
      }
    }
    EnrTreeUrl url = new EnrTreeUrl(key.compressedPublicKey(), domain);
    Map<String, String> entries = new LinkedHashMap<>();
    String enrRoot =
        subtree(new TreeSet<>(nodes.stream().map(NodeAddress::text).toList()), entries);
    String linkRoot =
        subtree(new TreeSet<>(links.stream().map(EnrTreeUrl::toString).toList()), entries);
    return new SignedTree(url, signRoot(enrRoot, linkRoot, seq, key), entries);
  }

  /** A root over two subtree hashes, signed by {@code key} (also for hand-made trees in tests). */
  public static TreeEntry.Root signRoot(String enrRoot, String linkRoot, long seq, NodeKey key) {
    TreeEntry.Root unsigned = new TreeEntry.Root(enrRoot, linkRoot, seq, Bytes.EMPTY);
    Bytes signature = key.sign(unsigned.signedHash());
    // EIP-1459 (and go-ethereum) write the recovery id as 0 or 1, not 27 or 28.
    return new TreeEntry.Root(
        enrRoot,
        linkRoot,
        seq,
        Bytes.concatenate(signature.slice(0, 64), Bytes.of((signature.get(64) & 0xff) - 27)));
  }

  /** Adds the leaves and the branches above them; returns the subtree's root hash. */
  private static String subtree(java.util.Collection<String> leaves, Map<String, String> entries) {
    List<String> level = new ArrayList<>();
    for (String leaf : leaves) {
      level.add(add(leaf, entries));
    }
    while (level.size() > TreeEntry.MAX_BRANCH_CHILDREN) {
      List<String> parents = new ArrayList<>();
      for (int i = 0; i < level.size(); i += TreeEntry.MAX_BRANCH_CHILDREN) {
        List<String> children =
            level.subList(i, Math.min(level.size(), i + TreeEntry.MAX_BRANCH_CHILDREN));
        parents.add(add(new TreeEntry.Branch(children).text(), entries));
      }
      level = parents;
    }
    return add(new TreeEntry.Branch(level).text(), entries);
  }

  private static String add(String text, Map<String, String> entries) {
    String hash = TreeEntry.hash(text);
    entries.put(hash, text);
    return hash;
  }

  /** Every TXT record: the root at the domain itself, then each entry at its hash. */
  public Map<String, String> records() {
    Map<String, String> all = new LinkedHashMap<>();
    all.put(url.domain(), root.text());
    entries.forEach((hash, text) -> all.put(hash + "." + url.domain(), text));
    return all;
  }

  /** The node records the tree holds. */
  public List<String> nodeRecords() {
    return entries.values().stream().filter(t -> t.startsWith("enr:")).sorted().toList();
  }
}
