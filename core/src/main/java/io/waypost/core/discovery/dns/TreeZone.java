package io.waypost.core.discovery.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link SignedTree} as a DNS provider takes it: a zone file fragment (RFC 1035 master file
 * format, TXT records only, for {@code $INCLUDE} in a zone or an import) and a JSON list of TXT
 * records for a provider's API. The root gets a short TTL so that updates spread; entries, which
 * never change under their hash, a long one (the EIP's example uses the same two).
 */
public final class TreeZone {

  public static final int ROOT_TTL = 60;
  public static final int ENTRY_TTL = 86_900;

  /** A TXT character-string holds at most 255 bytes; longer texts are split into several. */
  private static final int MAX_STRING = 255;

  private TreeZone() {}

  public static String zoneFile(SignedTree tree, String header) {
    StringBuilder out = new StringBuilder();
    for (String line : header.split("\n")) {
      out.append("; ").append(line).append('\n');
    }
    out.append("$ORIGIN ").append(tree.url().domain()).append(".\n");
    out.append(String.format("%-30s %6d IN TXT %s%n", "@", ROOT_TTL, quoted(tree.root().text())));
    tree.entries()
        .forEach(
            (hash, text) ->
                out.append(String.format("%-30s %6d IN TXT %s%n", hash, ENTRY_TTL, quoted(text))));
    return out.toString();
  }

  /** {@code [{"name": ..., "type": "TXT", "ttl": ..., "content": ...}, ...]}, root first. */
  public static String json(SignedTree tree) {
    List<String> items = new ArrayList<>();
    for (Map.Entry<String, String> record : tree.records().entrySet()) {
      int ttl = record.getKey().equals(tree.url().domain()) ? ROOT_TTL : ENTRY_TTL;
      items.add(
          "  {\"name\": \""
              + record.getKey()
              + "\", \"type\": \"TXT\", \"ttl\": "
              + ttl
              + ", \"content\": \""
              + record.getValue()
              + "\"}");
    }
    return "[\n" + String.join(",\n", items) + "\n]\n";
  }

  private static String quoted(String text) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < text.length(); i += MAX_STRING) {
      parts.add("\"" + text.substring(i, Math.min(text.length(), i + MAX_STRING)) + "\"");
    }
    return String.join(" ", parts);
  }
}
