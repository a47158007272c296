package io.waypost.core.discovery.dns;

import io.waypost.core.discovery.Crypto;
import io.waypost.core.discovery.enr.InvalidRecordException;
import io.waypost.core.discovery.enr.NodeAddress;
import io.waypost.core.discovery.enr.NodeRecords;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/**
 * One TXT record of an EIP-1459 tree. Every entry but the root lives at {@code <hash>.<domain>},
 * where the hash is the base32 of the first 16 bytes of keccak256 of the entry's text.
 */
public sealed interface TreeEntry {

  /** The largest TXT text accepted for one entry (a node record is at most ~410 characters). */
  int MAX_TEXT = 1024;

  /** Hashes per branch: 13 keep a branch's text within 370 characters, as go-ethereum does. */
  int MAX_BRANCH_CHILDREN = 13;

  String text();

  /** {@code enrtree-root:v1 e=<enr-root> l=<link-root> seq=<n> sig=<base64url 65 bytes>}. */
  record Root(String enrRoot, String linkRoot, long seq, Bytes signature) implements TreeEntry {

    static final Pattern FORM =
        Pattern.compile(
            "^enrtree-root:v1 e=([A-Z2-7]{10,}) l=([A-Z2-7]{10,}) seq=(\\d{1,19}) sig=([A-Za-z0-9_-]+)$");

    /** The text the signature covers: the root without {@code sig=}. */
    public String signedText() {
      return "enrtree-root:v1 e=" + enrRoot + " l=" + linkRoot + " seq=" + seq;
    }

    public Bytes32 signedHash() {
      return Crypto.keccak(Bytes.wrap(signedText().getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether the root is signed by the tree's key (v may be 0/1 as in the EIP, or 27/28). */
    public boolean signedBy(EnrTreeUrl tree) {
      if (signature.size() != 65) {
        return false;
      }
      int v = signature.get(64) & 0xff;
      Bytes normalised =
          v < 27 ? Bytes.concatenate(signature.slice(0, 64), Bytes.of(v + 27)) : signature;
      return Crypto.recover(signedHash(), normalised)
          .map(key -> key.equals(tree.uncompressedKey()))
          .orElse(false);
    }

    @Override
    public String text() {
      return signedText()
          + " sig="
          + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.toArrayUnsafe());
    }
  }

  /** {@code enrtree-branch:<h1>,<h2>,...}: the hashes of child entries. */
  record Branch(List<String> children) implements TreeEntry {
    public Branch {
      children = List.copyOf(children);
    }

    @Override
    public String text() {
      return "enrtree-branch:" + String.join(",", children);
    }
  }

  /** {@code enrtree://<key>@<domain>}: a link to another tree. */
  record Link(EnrTreeUrl target) implements TreeEntry {
    @Override
    public String text() {
      return target.toString();
    }
  }

  /** {@code enr:...}: a node record, validated (size, scheme, signature). */
  record Enr(NodeAddress node) implements TreeEntry {
    @Override
    public String text() {
      return node.text();
    }
  }

  /** The entry's name under the tree's domain. */
  static String hash(String text) {
    return Base32.encode(
        Crypto.keccak(Bytes.wrap(text.getBytes(StandardCharsets.UTF_8))).slice(0, 16));
  }

  /**
   * Parses one entry's text.
   *
   * @throws EnrTreeException saying what the text is not
   */
  static TreeEntry parse(String text) throws EnrTreeException {
    if (text.length() > MAX_TEXT) {
      throw new EnrTreeException(
          "entry is " + text.length() + " characters, more than " + MAX_TEXT);
    }
    if (text.startsWith("enrtree-root:")) {
      Matcher m = Root.FORM.matcher(text);
      if (!m.matches()) {
        throw new EnrTreeException("malformed root: " + abbreviate(text));
      }
      Bytes signature;
      try {
        signature = Bytes.wrap(Base64.getUrlDecoder().decode(m.group(4)));
      } catch (IllegalArgumentException e) {
        throw new EnrTreeException("root signature is not base64url");
      }
      long seq;
      try {
        seq = Long.parseLong(m.group(3));
      } catch (NumberFormatException e) {
        throw new EnrTreeException("root sequence number is out of range");
      }
      return new Root(m.group(1), m.group(2), seq, signature);
    }
    if (text.startsWith("enrtree-branch:")) {
      String list = text.substring("enrtree-branch:".length());
      List<String> children = new ArrayList<>();
      if (!list.isEmpty()) {
        for (String child : list.split(",", -1)) {
          if (!child.matches("[A-Z2-7]{10,32}")) {
            throw new EnrTreeException("branch holds '" + abbreviate(child) + "', not a hash");
          }
          children.add(child);
        }
      }
      return new Branch(children);
    }
    if (text.startsWith(EnrTreeUrl.SCHEME)) {
      return new Link(EnrTreeUrl.parse(text));
    }
    if (text.startsWith("enr:")) {
      try {
        return new Enr(NodeRecords.describe(NodeRecords.parseEnr(text)));
      } catch (InvalidRecordException e) {
        throw new EnrTreeException("invalid node record: " + e.getMessage());
      }
    }
    throw new EnrTreeException("unknown entry type: " + abbreviate(text));
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }
}
