package io.waypost.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The owner's settings as written in the console and the CLI, checked before anything is sent. */
class RegistrySettingTest {

  @Test
  void readsTheUnitsAPersonWrites() {
    assertEquals(Duration.ofDays(7), RegistrySetting.MAX_PROOF_VALIDITY.parse(" 7d "));
    assertEquals(Duration.ofHours(36), RegistrySetting.MAX_PROOF_VALIDITY.parse("36 hours"));
    assertEquals(Duration.ofMinutes(90), RegistrySetting.MAX_PROOF_VALIDITY.parse("90m"));
    assertEquals(Duration.ZERO, RegistrySetting.REAPPLY_COOLDOWN.parse("0s"));
    assertEquals(Duration.ofDays(365), RegistrySetting.REAPPLY_COOLDOWN.parse("365 Days"));
  }

  @Test
  void refusesWithTheFieldNamed() {
    assertEquals(
        "Maximum proof validity must be between 1 hour and 30 days; 59 minutes is not",
        assertThrows(
                IllegalArgumentException.class,
                () -> RegistrySetting.MAX_PROOF_VALIDITY.parse("59m"))
            .getMessage());
    assertEquals(
        "Re-apply cooldown: write a whole number with a unit, such as 7d, 36h, 90m or 600s"
            + " (not \"3 weeks\")",
        assertThrows(
                IllegalArgumentException.class,
                () -> RegistrySetting.REAPPLY_COOLDOWN.parse("3 weeks"))
            .getMessage());
    assertEquals(
        "Re-apply cooldown: write a whole number with a unit, such as 7d, 36h, 90m or 600s"
            + " (the field is empty)",
        assertThrows(
                IllegalArgumentException.class, () -> RegistrySetting.REAPPLY_COOLDOWN.parse(""))
            .getMessage());
  }

  @Test
  void saysDurationsInTheLargestWholeUnit() {
    assertEquals("1 day", RegistrySetting.human(Duration.ofDays(1)));
    assertEquals("36 hours", RegistrySetting.human(Duration.ofHours(36)));
    assertEquals("0 seconds", RegistrySetting.human(Duration.ZERO));
    assertEquals("61 seconds", RegistrySetting.human(Duration.ofSeconds(61)));
  }
}
