package io.waypost.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogPagerTest {

  @Test
  void shrinksOnRefusalAndGrowsBackUpToItsMaximum() {
    LogPager pager = new LogPager(2000, 10_000);
    assertTrue(pager.refused());
    assertEquals(1000, pager.size());
    pager.succeeded();
    pager.succeeded();
    pager.succeeded();
    assertEquals(8000, pager.size());
    pager.succeeded();
    assertEquals(10_000, pager.size(), "never past the maximum");
    LogPager one = new LogPager(1, 10);
    assertFalse(one.refused(), "a one-block page cannot shrink");
  }

  @Test
  void recognisesTheWaysEndpointsSayAskForLess() {
    assertTrue(LogPager.isRangeRefusal("query returned more than 10000 results"));
    assertTrue(LogPager.isRangeRefusal("exceed maximum block range: 5000"));
    assertTrue(LogPager.isRangeRefusal("Log response size exceeded."));
    assertTrue(LogPager.isRangeRefusal("block range is too wide"));
    assertFalse(LogPager.isRangeRefusal("invalid argument 0: hex string without 0x prefix"));
    assertFalse(LogPager.isRangeRefusal(null));
  }
}
