package io.waypost.core.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.core.model.Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeystoresTest {

  private static final String ANVIL_MNEMONIC =
      "test test test test test test test test test test test junk";
  private static final String ANVIL_KEY_0 =
      "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
  private static final Address ANVIL_ADDRESS_0 =
      Address.of("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");

  @TempDir Path dir;

  @Test
  void importsAPrivateKeyEncryptedAndOwnerOnly() throws Exception {
    Keystores keystores = new Keystores(dir, Keystores.Strength.LIGHT);
    Keystores.Keystore imported = keystores.importPrivateKey(ANVIL_KEY_0, "correct horse");
    assertEquals(ANVIL_ADDRESS_0, imported.address());
    String content = Files.readString(imported.file());
    assertFalse(content.contains(ANVIL_KEY_0.substring(2)), "the key is not in the file in clear");
    assertFalse(content.contains("correct horse"), "nor the password");
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(imported.file())));
    assertEquals(
        ANVIL_ADDRESS_0, Address.of(keystores.unlock(imported, "correct horse").getAddress()));
    assertEquals(1, keystores.list().size());
  }

  @Test
  void importsAMnemonicOnTheEthereumPath() {
    Keystores keystores = new Keystores(dir, Keystores.Strength.LIGHT);
    assertEquals(ANVIL_ADDRESS_0, keystores.importMnemonic(ANVIL_MNEMONIC, "", 0, "pw").address());
    assertEquals(
        Address.of("0x70997970c51812dc3a010c7d01b50e0d17dc79c8"),
        keystores.importMnemonic(ANVIL_MNEMONIC, "", 1, "pw").address());
  }

  @Test
  void aWrongPasswordIsNamedAsSuch() {
    Keystores keystores = new Keystores(dir, Keystores.Strength.LIGHT);
    Keystores.Keystore created = keystores.create("right");
    AccountException wrong =
        assertThrows(AccountException.class, () -> keystores.unlock(created, "wrong"));
    assertEquals(
        "The password does not unlock the keystore of " + created.address(), wrong.getMessage());
  }

  @Test
  void aCorruptKeystoreIsNamedAsSuch() throws Exception {
    Keystores keystores = new Keystores(dir, Keystores.Strength.LIGHT);
    Keystores.Keystore created = keystores.create("pw");
    String json = Files.readString(created.file());
    Files.writeString(created.file(), json.substring(0, json.length() / 2));
    AccountException truncated =
        assertThrows(AccountException.class, () -> keystores.unlock(created, "pw"));
    assertTrue(
        truncated.getMessage().contains("is not a valid encrypted keystore"),
        truncated.getMessage());

    Files.writeString(
        created.file(), json.replaceAll("\"ciphertext\":\"[0-9a-f]+\"", "\"ciphertext\":\"00\""));
    AccountException damaged =
        assertThrows(AccountException.class, () -> keystores.unlock(created, "pw"));
    assertTrue(
        damaged.getMessage().contains(created.address().value())
            || damaged.getMessage().contains("damaged"),
        damaged.getMessage());
  }

  @Test
  void badInputWritesNothing() throws Exception {
    Keystores keystores = new Keystores(dir, Keystores.Strength.LIGHT);
    assertThrows(AccountException.class, () -> keystores.importPrivateKey("not a key", "pw"));
    assertThrows(
        AccountException.class, () -> keystores.importPrivateKey("0x" + "00".repeat(32), "pw"));
    assertThrows(
        AccountException.class, () -> keystores.importMnemonic("test test nonsense", "", 0, "pw"));
    assertThrows(AccountException.class, () -> keystores.importPrivateKey(ANVIL_KEY_0, ""));
    try (var files = Files.list(dir)) {
      assertEquals(0, files.count(), "no file, not even a temporary one");
    }
    keystores.importPrivateKey(ANVIL_KEY_0, "pw");
    AccountException twice =
        assertThrows(AccountException.class, () -> keystores.importPrivateKey(ANVIL_KEY_0, "pw"));
    assertTrue(twice.getMessage().contains("already a keystore"));
  }
}
