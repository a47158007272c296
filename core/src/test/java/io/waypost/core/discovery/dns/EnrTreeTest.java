package io.waypost.core.discovery.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.core.discovery.NodeKey;
import io.waypost.core.discovery.enr.NodeAddress;
import io.waypost.core.discovery.enr.NodeRecords;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt64;
import org.ethereum.beacon.discovery.schema.NodeRecordBuilder;
import org.junit.jupiter.api.Test;

/**
 * The EIP-1459 tree codec and walker over TXT data held in a map (the walk against a real DNS
 * server is {@code app}'s DnsTreeOnNsdTest): the EIP's own example, a built tree read back, and
 * each kind of bad tree refused with its reason while the last good copy stays.
 */
class EnrTreeTest {

  static final String EIP_URL =
      "enrtree://AM5FCQLWIZX2QFPNJAP7VUERCCRNGRHWZG3YYHIUV7BVDQ5FDPRT2@nodes.example.org";

  /** The example zone of EIP-1459, verbatim. */
  static final Map<String, String> EIP_ZONE =
      Map.of(
          "nodes.example.org",
          "enrtree-root:v1 e=JWXYDBPXYWG6FX3GMDIBFA6CJ4 l=C7HRFPF3BLGF3YR4DY5KX3SMBE seq=1"
              + " sig=o908WmNp7LibOfPsr4btQwatZJ5URBr2ZAuxvK4UWHlsB9sUOTJQaGAlLPVAhM__XJesCHxLISo94z5Z2a463gA",
          "C7HRFPF3BLGF3YR4DY5KX3SMBE.nodes.example.org",
          "enrtree://AM5FCQLWIZX2QFPNJAP7VUERCCRNGRHWZG3YYHIUV7BVDQ5FDPRT2@morenodes.example.org",
          "JWXYDBPXYWG6FX3GMDIBFA6CJ4.nodes.example.org",
          "enrtree-branch:2XS2367YHAXJFGLZHVAWLQD4ZY,H4FHT4B454P6UXFD7JCYQ5PWDY,MHTDO6TMUBRIA2XWG5LUDACK24",
          "2XS2367YHAXJFGLZHVAWLQD4ZY.nodes.example.org",
          "enr:-HW4QOFzoVLaFJnNhbgMoDXPnOvcdVuj7pDpqRvh6BRDO68aVi5ZcjB3vzQRZH2IcLBGHzo8uUN3snqmgTiE56CH3AMBgmlkgnY0iXNlY3AyNTZrMaECC2_24YYkYHEgdzxlSNKQEnHhuNAbNlMlWJxrJxbAFvA",
          "H4FHT4B454P6UXFD7JCYQ5PWDY.nodes.example.org",
          "enr:-HW4QAggRauloj2SDLtIHN1XBkvhFZ1vtf1raYQp9TBW2RD5EEawDzbtSmlXUfnaHcvwOizhVYLtr7e6vw7NAf6mTuoCgmlkgnY0iXNlY3AyNTZrMaECjrXI8TLNXU0f8cthpAMxEshUyQlK-AM0PW2wfrnacNI",
          "MHTDO6TMUBRIA2XWG5LUDACK24.nodes.example.org",
          "enr:-HW4QLAYqmrwllBEnzWWs7I5Ev2IAs7x_dZlbYdRdMUx5EyKHDXp7AV5CkuPGUPdvbv1_Ms1CPfhcGCvSElSosZmyoqAgmlkgnY0iXNlY3AyNTZrMaECriawHKWdDRk2xeZkrOXBQ0dfMFLHY4eENZwdufn1S1o");

  static final SecureRandom RANDOM = new SecureRandom();

  static TxtResolver zone(Map<String, String> records) {
    return name -> records.containsKey(name) ? List.of(records.get(name)) : List.of();
  }

  /**
   * The EIP's example is not self-consistent: its root is signed by the key its text names
   * (0x049f88…), but the key in its URL (AM5FCQ…, 0x033a51…) is another one. Read with the URL as
   * written, the tree is refused and the error names the key that did sign; read with that key, it
   * decodes: three records and one link.
   */
  @Test
  void decodesTheEipExampleTree() throws Exception {
    EnrTreeUrl asWritten = EnrTreeUrl.parse(EIP_URL);
    assertEquals(EIP_URL, asWritten.toString());
    assertEquals(
        "0x033a514176466fa815ed481ffad09110a2d344f6c9b78c1d14afc351c3a51be33d",
        asWritten.publicKey().toHexString());
    EnrTreeUrl signer =
        new EnrTreeUrl(
            Bytes.fromHexString(
                "0x029f88229042fef9200246f49f94d9b77c4e954721442714e85850cb6d9e5daf2d"),
            "nodes.example.org");
    assertEquals(
        "0x9f88229042fef9200246f49f94d9b77c4e954721442714e85850cb6d9e5daf2d880ea0e53cb3ac1a75f9923c2726a4f941f7d326781baa6380754a360de5c2b6",
        signer.uncompressedKey().toHexString(),
        "the key the EIP's text names");
    for (Map.Entry<String, String> e : EIP_ZONE.entrySet()) {
      if (!e.getKey().equals("nodes.example.org")) {
        assertEquals(e.getKey().split("\\.")[0], TreeEntry.hash(e.getValue()), e.getValue());
      }
    }
    TreeEntry.Root root = (TreeEntry.Root) TreeEntry.parse(EIP_ZONE.get("nodes.example.org"));
    assertEquals(1, root.seq());
    assertEquals(EIP_ZONE.get("nodes.example.org"), root.text());
    assertTrue(root.signedBy(signer));

    assertRefused(EIP_ZONE, asWritten, "(it is signed by " + signer + ")");

    EnrTreeClient.Result result =
        new EnrTreeClient(zone(EIP_ZONE), EnrTreeClient.Limits.defaults()).sync(signer);
    assertEquals(3, result.nodes().size());
    assertEquals(
        List.of(EnrTreeUrl.parse(EIP_URL.replace("@nodes.", "@morenodes."))),
        result.trees().get(0).links());
    assertEquals(
        List.of("no enrtree-root TXT record at morenodes.example.org"), result.refusedLinks());
    assertEquals(7, result.lookups(), "root, branch, 3 records, link, the linked root");
  }

  @Test
  void aBuiltTreeReadsBackWholeAndIsCachedBySequenceNumber() throws Exception {
    NodeKey curator = NodeKey.generate(RANDOM);
    List<NodeAddress> nodes = records(40);
    SignedTree tree = SignedTree.build("mail.example.org", 7, nodes, List.of(), curator);
    Map<String, String> served = new HashMap<>(tree.records());
    int[] lookups = {0};
    TxtResolver counting =
        name -> {
          lookups[0]++;
          return zone(served).txt(name);
        };
    EnrTreeClient client = new EnrTreeClient(counting, EnrTreeClient.Limits.defaults());
    EnrTreeClient.Result result = client.sync(tree.url());
    assertEquals(
        nodes.stream().map(n -> n.nodeId().toString()).sorted().toList(),
        result.nodes().stream().map(n -> n.nodeId().toString()).sorted().toList());
    assertEquals(tree.records().size(), lookups[0], "each entry once");
    assertTrue(tree.entries().values().stream().allMatch(t -> t.length() <= 400));

    // Unchanged root: one lookup, the cached copy.
    client.sync(tree.url());
    assertEquals(tree.records().size() + 1, lookups[0]);

    // An older tree, correctly signed, is a replay: refused, the good copy stays.
    SignedTree older =
        SignedTree.build("mail.example.org", 6, nodes.subList(0, 1), List.of(), curator);
    served.clear();
    served.putAll(older.records());
    EnrTreeException replay = assertThrows(EnrTreeException.class, () -> client.sync(tree.url()));
    assertTrue(replay.getMessage().contains("went back from 7 to 6"), replay.getMessage());
    assertEquals(7, client.cached(tree.url()).orElseThrow().seq());
    assertEquals(40, client.cached(tree.url()).orElseThrow().nodes().size());
  }

  @Test
  void badTreesAreRefusedWithTheirReason() throws Exception {
    NodeKey curator = NodeKey.generate(RANDOM);
    NodeKey other = NodeKey.generate(RANDOM);
    List<NodeAddress> nodes = records(3);
    SignedTree good = SignedTree.build("mail.example.org", 3, nodes, List.of(), curator);

    // Signed by another key.
    SignedTree forged = SignedTree.build("mail.example.org", 4, nodes, List.of(), other);
    assertRefused(forged.records(), good.url(), "not signed by the key in " + good.url());
    assertRefused(forged.records(), good.url(), "it is signed by " + forged.url());

    // A record swapped for another, validly signed one: its name no longer matches.
    Map<String, String> tampered = new HashMap<>(good.records());
    String victim =
        tampered.entrySet().stream()
            .filter(e -> e.getValue().startsWith("enr:"))
            .findFirst()
            .orElseThrow()
            .getKey();
    tampered.put(victim, records(1).get(0).text());
    assertRefused(tampered, good.url(), "entry " + victim + " does not match its hash");

    // A branch that reaches an entry a second time (with hashed names the nearest thing to a
    // loop a signed tree can hold).
    String leaf = TreeEntry.hash(nodes.get(0).text());
    String inner = new TreeEntry.Branch(List.of(leaf)).text();
    String top = new TreeEntry.Branch(List.of(TreeEntry.hash(inner), leaf)).text();
    String empty = new TreeEntry.Branch(List.of()).text();
    TreeEntry.Root root =
        SignedTree.signRoot(TreeEntry.hash(top), TreeEntry.hash(empty), 5, curator);
    Map<String, String> looping =
        Map.of(
            "mail.example.org",
            root.text(),
            TreeEntry.hash(top) + ".mail.example.org",
            top,
            TreeEntry.hash(inner) + ".mail.example.org",
            inner,
            leaf + ".mail.example.org",
            nodes.get(0).text(),
            TreeEntry.hash(empty) + ".mail.example.org",
            empty);
    assertRefused(looping, good.url(), "is reached twice: the tree has a loop");

    // Larger than the budget.
    SignedTree big = SignedTree.build("mail.example.org", 6, records(30), List.of(), curator);
    EnrTreeException tooBig =
        assertThrows(
            EnrTreeException.class,
            () ->
                new EnrTreeClient(zone(big.records()), new EnrTreeClient.Limits(10, 16, 8))
                    .sync(big.url()));
    assertTrue(tooBig.getMessage().contains("larger than the budget of 10 DNS lookups"));

    // Bad URLs.
    assertTrue(
        assertThrows(EnrTreeException.class, () -> EnrTreeUrl.parse("enrtree://AAAA@x.org"))
            .getMessage()
            .contains("expected a 33-byte compressed key"));
    assertTrue(
        assertThrows(EnrTreeException.class, () -> EnrTreeUrl.parse("https://x.org"))
            .getMessage()
            .contains("not an enrtree URL"));
  }

  private static void assertRefused(Map<String, String> records, EnrTreeUrl url, String reason) {
    EnrTreeException e =
        assertThrows(
            EnrTreeException.class,
            () -> new EnrTreeClient(zone(records), EnrTreeClient.Limits.defaults()).sync(url));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }

  static List<NodeAddress> records(int count) throws Exception {
    List<NodeAddress> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      NodeKey key = NodeKey.generate(RANDOM);
      out.add(
          NodeRecords.parse(
              new NodeRecordBuilder()
                  .signer(key.signer())
                  .seq(UInt64.ONE)
                  .address("127.0.0.1", 30_000 + i, 30_000 + i)
                  .build()
                  .asEnr()));
    }
    return out;
  }
}
