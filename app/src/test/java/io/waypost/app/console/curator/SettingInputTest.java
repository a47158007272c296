package io.waypost.app.console.curator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The owner's settings as written on the Curator screen, checked before anything is sent. */
class SettingInputTest {

  @Test
  void readsTheUnitsAPersonWrites() {
    assertEquals(Duration.ofDays(7), SettingInput.MAX_PROOF_VALIDITY.parse(" 7d "));
    assertEquals(Duration.ofHours(36), SettingInput.MAX_PROOF_VALIDITY.parse("36 hours"));
    assertEquals(Duration.ofMinutes(90), SettingInput.MAX_PROOF_VALIDITY.parse("90m"));
    assertEquals(Duration.ZERO, SettingInput.REAPPLY_COOLDOWN.parse("0s"));
    assertEquals(Duration.ofDays(365), SettingInput.REAPPLY_COOLDOWN.parse("365 Days"));
  }

  @Test
  void refusesWithTheFieldNamed() {
    assertEquals(
        "Maximum proof validity must be between 1 hour and 30 days; 59 minutes is not",
        assertThrows(
                IllegalArgumentException.class, () -> SettingInput.MAX_PROOF_VALIDITY.parse("59m"))
            .getMessage());
    assertEquals(
        "Re-apply cooldown: write a whole number with a unit, such as 7d, 36h, 90m or 600s"
            + " (not \"3 weeks\")",
        assertThrows(
                IllegalArgumentException.class,
                () -> SettingInput.REAPPLY_COOLDOWN.parse("3 weeks"))
            .getMessage());
    assertEquals(
        "Re-apply cooldown: write a whole number with a unit, such as 7d, 36h, 90m or 600s"
            + " (the field is empty)",
        assertThrows(IllegalArgumentException.class, () -> SettingInput.REAPPLY_COOLDOWN.parse(""))
            .getMessage());
  }

  @Test
  void saysDurationsInTheLargestWholeUnit() {
    assertEquals("1 day", SettingInput.human(Duration.ofDays(1)));
    assertEquals("36 hours", SettingInput.human(Duration.ofHours(36)));
    assertEquals("0 seconds", SettingInput.human(Duration.ZERO));
    assertEquals("61 seconds", SettingInput.human(Duration.ofSeconds(61)));
  }
}
