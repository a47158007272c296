package io.waypost.core.discovery.dns;

import io.waypost.core.discovery.Crypto;
import io.waypost.core.discovery.enr.NodeAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.tuweni.bytes.Bytes;
import org.ethereum.beacon.discovery.util.Functions;

/**
 * Reads EIP-1459 node lists over DNS. A tree is taken whole or not at all: its root must be signed
 * by the key in its URL, every entry must match the hash it is named by, node records and links
 * must sit in their own subtrees, no entry may be reached twice (a loop), and the walk must fit a
 * budget of lookups and depth. A refused tree raises {@link EnrTreeException} and changes nothing:
 * the last good copy stays cached. Trees are cached by root: an unchanged root is not walked again,
 * and a root whose sequence number went back is refused.
 */
public final class EnrTreeClient {

  /** Bounds on one sync: DNS lookups in all (roots included), depth of branches, linked trees. */
  public record Limits(int maxLookups, int maxDepth, int maxLinkedTrees) {
    public static Limits defaults() {
      return new Limits(2_000, 16, 8);
    }
  }

  /** One verified tree: its nodes and its links, as of sequence number {@code seq}. */
  public record Tree(
      EnrTreeUrl url, long seq, String rootText, List<NodeAddress> nodes, List<EnrTreeUrl> links) {
    public Tree {
      nodes = List.copyOf(nodes);
      links = List.copyOf(links);
    }
  }

  /**
   * What a sync found: the tree and every linked tree that verified, and why any linked tree was
   * refused (a bad linked tree does not spoil the one that links to it).
   */
  public record Result(List<Tree> trees, List<String> refusedLinks, int lookups) {
    public Result {
      trees = List.copyOf(trees);
      refusedLinks = List.copyOf(refusedLinks);
    }

    /** Every node of every tree, each once. */
    public List<NodeAddress> nodes() {
      Map<Object, NodeAddress> unique = new LinkedHashMap<>();
      trees.forEach(t -> t.nodes().forEach(n -> unique.putIfAbsent(n.nodeId(), n)));
      return List.copyOf(unique.values());
    }
  }

  private final TxtResolver resolver;
  private final Limits limits;
  private final Map<String, Tree> cache = new ConcurrentHashMap<>();

  public EnrTreeClient(TxtResolver resolver, Limits limits) {
    this.resolver = resolver;
    this.limits = limits;
  }

  /** The last good copy of a tree, if one was read. */
  public Optional<Tree> cached(EnrTreeUrl url) {
    return Optional.ofNullable(cache.get(url.toString()));
  }

  /**
   * Reads the tree at {@code url} and the trees it links to.
   *
   * @throws EnrTreeException if the tree itself is refused (linked trees' problems are in the
   *     result)
   */
  public Result sync(EnrTreeUrl url) throws EnrTreeException {
    Budget budget = new Budget();
    List<Tree> trees = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    Tree first = syncOne(url, budget);
    trees.add(first);
    Set<String> seenDomains = new HashSet<>(List.of(url.domain()));
    Deque<EnrTreeUrl> pending = new ArrayDeque<>(first.links());
    while (!pending.isEmpty() && trees.size() <= limits.maxLinkedTrees()) {
      EnrTreeUrl link = pending.poll();
      if (!seenDomains.add(link.domain())) {
        continue; // lists may link each other (EIP-1459): each is read once
      }
      try {
        Tree linked = syncOne(link, budget);
        trees.add(linked);
        pending.addAll(linked.links());
      } catch (EnrTreeException e) {
        refused.add(e.getMessage());
      }
    }
    return new Result(trees, refused, budget.lookups);
  }

  private Tree syncOne(EnrTreeUrl url, Budget budget) throws EnrTreeException {
    String where = url.domain();
    TreeEntry.Root root = root(url, budget);
    if (!root.signedBy(url)) {
      throw new EnrTreeException(
          "tree at "
              + where
              + " is refused: its root is not signed by the key in "
              + url
              + signerHint(root, url));
    }
    Tree known = cache.get(url.toString());
    if (known != null && root.seq() < known.seq()) {
      throw new EnrTreeException(
          "tree at "
              + where
              + " is refused: its sequence number went back from "
              + known.seq()
              + " to "
              + root.seq()
              + " (an old copy replayed?)");
    }
    if (known != null && root.text().equals(known.rootText())) {
      return known;
    }
    List<NodeAddress> nodes = new ArrayList<>();
    List<EnrTreeUrl> links = new ArrayList<>();
    Walk walk = new Walk(url, budget);
    walk.subtree(root.enrRoot(), false, nodes, links);
    walk.subtree(root.linkRoot(), true, nodes, links);
    Tree tree = new Tree(url, root.seq(), root.text(), nodes, links);
    cache.put(url.toString(), tree);
    return tree;
  }

  private TreeEntry.Root root(EnrTreeUrl url, Budget budget) throws EnrTreeException {
    budget.spend(url);
    List<String> roots =
        resolver.txt(url.domain()).stream().filter(t -> t.startsWith("enrtree-root:")).toList();
    if (roots.isEmpty()) {
      throw new EnrTreeException("no enrtree-root TXT record at " + url.domain());
    }
    if (roots.size() > 1) {
      throw new EnrTreeException(
          "tree at " + url.domain() + " is refused: it has " + roots.size() + " roots");
    }
    try {
      if (!(TreeEntry.parse(roots.get(0)) instanceof TreeEntry.Root root)) {
        throw new EnrTreeException("malformed root at " + url.domain());
      }
      return root;
    } catch (EnrTreeException e) {
      throw new EnrTreeException("tree at " + url.domain() + " is refused: " + e.getMessage());
    }
  }

  /** Names the key that did sign, so a curator sees at once whether the URL's key is stale. */
  private static String signerHint(TreeEntry.Root root, EnrTreeUrl url) {
    if (root.signature().size() != 65) {
      return " (the signature is " + root.signature().size() + " bytes, not 65)";
    }
    int v = root.signature().get(64) & 0xff;
    Bytes sig =
        v < 27
            ? Bytes.concatenate(root.signature().slice(0, 64), Bytes.of(v + 27))
            : root.signature();
    return Crypto.recover(root.signedHash(), sig)
        .map(
            key -> {
              Crypto.ensureProvider();
              Bytes compressed =
                  Bytes.wrap(
                      Functions.publicKeyToPoint(Bytes.concatenate(Bytes.of(4), key))
                          .getEncoded(true));
              return " (it is signed by " + new EnrTreeUrl(compressed, url.domain()) + ")";
            })
        .orElse(" (the signature is malformed)");
  }

  private final class Budget {
    int lookups;

    void spend(EnrTreeUrl url) throws EnrTreeException {
      if (++lookups > limits.maxLookups()) {
        throw new EnrTreeException(
            "tree at "
                + url.domain()
                + " is refused: larger than the budget of "
                + limits.maxLookups()
                + " DNS lookups");
      }
    }
  }

  /** A depth-first walk of one subtree, remembering every entry so that a loop is caught. */
  private final class Walk {
    final EnrTreeUrl url;
    final Budget budget;
    final Set<String> visited = new HashSet<>();

    Walk(EnrTreeUrl url, Budget budget) {
      this.url = url;
      this.budget = budget;
    }

    void subtree(String hash, boolean links, List<NodeAddress> nodes, List<EnrTreeUrl> linked)
        throws EnrTreeException {
      record Step(String hash, int depth) {}
      Deque<Step> stack = new ArrayDeque<>();
      stack.push(new Step(hash, 0));
      while (!stack.isEmpty()) {
        Step step = stack.pop();
        String name = step.hash() + "." + url.domain();
        if (!visited.add(step.hash())) {
          throw refused("entry " + name + " is reached twice: the tree has a loop");
        }
        if (step.depth() > limits.maxDepth()) {
          throw refused("branches nest deeper than " + limits.maxDepth());
        }
        TreeEntry entry = entry(name, step.hash());
        switch (entry) {
          case TreeEntry.Branch branch -> {
            if (branch.children().size() > 4 * TreeEntry.MAX_BRANCH_CHILDREN) {
              throw refused("branch " + name + " has " + branch.children().size() + " children");
            }
            for (String child : branch.children().reversed()) {
              stack.push(new Step(child, step.depth() + 1));
            }
          }
          case TreeEntry.Enr enr -> {
            if (links) {
              throw refused("node record " + name + " sits in the link subtree");
            }
            nodes.add(enr.node());
          }
          case TreeEntry.Link link -> {
            if (!links) {
              throw refused("link " + name + " sits in the node subtree");
            }
            linked.add(link.target());
          }
          case TreeEntry.Root ignored -> throw refused("entry " + name + " is a second root");
        }
      }
    }

    private TreeEntry entry(String name, String hash) throws EnrTreeException {
      budget.spend(url);
      List<String> texts = resolver.txt(name);
      if (texts.isEmpty()) {
        throw refused("entry " + name + " is missing");
      }
      if (texts.size() > 1) {
        throw refused("entry " + name + " has " + texts.size() + " TXT records");
      }
      String text = texts.get(0);
      if (!TreeEntry.hash(text).equalsIgnoreCase(hash)) {
        throw refused("entry " + name + " does not match its hash (tampered with, or stale)");
      }
      try {
        return TreeEntry.parse(text);
      } catch (EnrTreeException e) {
        throw refused("entry " + name + ": " + e.getMessage());
      }
    }

    private EnrTreeException refused(String why) {
      return new EnrTreeException("tree at " + url.domain() + " is refused: " + why);
    }
  }
}
