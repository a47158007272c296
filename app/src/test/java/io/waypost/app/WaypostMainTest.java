package io.waypost.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WaypostMainTest {

  @Test
  void developmentBuildsSaySo() {
    // target/classes has no jar manifest, so there is no implementation version.
    assertEquals("development build", WaypostMain.version());
  }
}
