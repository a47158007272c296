package io.waypost.app.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.core.devnet.DevnetSafe;
import io.waypost.core.model.Address;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code waypost devnet --safe-owner} prints about who holds the registry. */
class DevnetCommandTest {

  private static final Address SAFE = Address.of("0x5afe00000000000000000000000000000000cafe");
  private static final Address MULTISEND = Address.of("0x0000000000000000000000000000000000abcdef");

  @Test
  void aSafeOwnedDevnetNamesTheSafeAndItsOwnersAndNoOtherOwner() {
    List<Address> owners =
        DevnetSafe.ownerKeys().stream().map(k -> Address.of(k.getAddress())).toList();
    DevnetSafe safe = new DevnetSafe(SAFE, owners, 2, MULTISEND);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    DevnetCommand.printSafe(safe, out);
    DevnetCommand.printAccounts(safe.accounts(), out);
    String text = bytes.toString(StandardCharsets.UTF_8);

    assertTrue(text.contains("Safe      " + SAFE.checksummed()), text);
    assertTrue(text.contains("2 of its 3 owners sign"), text);
    assertTrue(text.contains("--safe " + SAFE.checksummed()), text);
    assertFalse(text.contains("Owner and curator"), "account 0 no longer owns the registry");
    for (Address owner : owners) {
      assertTrue(text.contains("  Safe owner " + owner.checksummed()), text);
      String accountLine =
          text.lines()
              .filter(l -> l.contains(owner.checksummed()) && l.contains("0x") && l.length() > 90)
              .findFirst()
              .orElseThrow(() -> new AssertionError(owner + " is not among the accounts: " + text));
      assertTrue(accountLine.contains("Safe owner"), accountLine);
    }
  }
}
