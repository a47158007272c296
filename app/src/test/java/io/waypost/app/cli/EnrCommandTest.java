package io.waypost.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EnrCommandTest {

  static final String EIP778 =
      "enr:-IS4QHCYrYZbAKWCBRlAy5zzaDZXJBGkcnh4MHcBFZntXNFrdvJjX04jRzjzCBOonrkTfj499SZuOh8R33Ls8RRcy5wBgmlkgnY0gmlwhH8AAAGJc2VjcDI1NmsxoQPKY0yuDUmstAHYpMa2_oxVtw0RW_QAdpzBQA8yWM0xOIN1ZHCCdl8";

  /** Built by @waku/enr 0.0.33 (interop/waku-enr/make-enr.mjs, key 0x0101...01, RFC 6979). */
  static final String WAKU_STORE =
      "enr:-Ly4QF9ALiNW6_e36DUQZAzgvZlChH18aa80Gbk7MRYvOSfHVACBUnXtecY5_N2f_w2MJ8Qdzdib31ZLTBYAetNkSc8G"
          + "gmlkgnY0gmlwhH8AAAGKbXVsdGlhZGRyc5oAGDYRc3RvcmUuZXhhbXBsZS5vcmcGAbveA4Jyc4cAEAIAIABAiXNl"
          + "Y3AyNTZrMaEDG4TFVnsSZECZXT7VqroFZdceGDRgSBn_nBf16dXdB4-DdWRwgiMohXdha3UyAw";

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = WaypostCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void decodesARecordForPeople() {
    Run run = run("enr", EIP778);
    assertEquals(0, run.code(), run.err());
    assertTrue(
        run.out().contains("0xa448f24c6d18e575453db13171562b71999873db5b286df957af199ec94617f7"),
        run.out());
    assertTrue(run.out().contains("127.0.0.1:30303"), run.out());
  }

  @Test
  void decodesARecordAsJson() {
    Run run = run("enr", "--json", EIP778);
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().startsWith("{\"kind\":\"enr\",\"valid\":true,"), run.out());
    assertTrue(run.out().contains("\"seq\":1"), run.out());
  }

  @Test
  void aBadRecordFailsWithItsReason() {
    String tampered = EIP778.substring(0, EIP778.length() - 2) + "AA";
    Run run = run("enr", tampered);
    assertEquals(1, run.code());
    assertTrue(run.err().contains("invalid record"), run.err());
  }

  @Test
  void namesAWakuStoreNodesCapabilitiesShardsAndAddresses() {
    Run run = run("enr", WAKU_STORE);
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("waku2            relay, store"), run.out());
    assertTrue(run.out().contains("cluster          16"), run.out());
    assertTrue(run.out().contains("shards           32, 64"), run.out());
    assertTrue(run.out().contains("/dns4/store.example.org/tcp/443/wss"), run.out());
    assertTrue(run.out().contains("advertises       mailserver (waku2.store)"), run.out());
    assertTrue(!run.out().contains("otherFields"), run.out());

    Run json = run("enr", "--json", "--capability-map", "waku2.relay=relay-node", WAKU_STORE);
    assertEquals(0, json.code(), json.err());
    assertTrue(json.out().contains("\"waku2\":[\"relay\",\"store\"]"), json.out());
    assertTrue(json.out().contains("\"advertises\":[\"relay-node (waku2.relay)\"]"), json.out());
  }

  @Test
  void aBadCapabilityMapIsAUsageError() {
    Run run = run("enr", "--capability-map", "waku2.storage=mailserver", WAKU_STORE);
    assertEquals(2, run.code());
    assertTrue(run.err().contains("unknown capability 'waku2.storage'"), run.err());
  }

  @Test
  void aMissingRecordIsAUsageError() {
    assertEquals(2, run("enr").code());
  }
}
