package io.waypost.app.console.common;

import io.waypost.core.trust.CheckOutcome;
import io.waypost.core.trust.TrustVerdict;
import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;

/**
 * A verdict as support staff should read it at a glance: a coloured chip (green trusted, blue
 * custom, red untrusted, grey unknown) and, in words, why.
 */
public final class VerdictChip {

  private VerdictChip() {}

  /** "Trusted", "Custom", "Untrusted", "Unknown". */
  public static String title(TrustVerdict.Kind kind) {
    String name = kind.name().toLowerCase(Locale.ROOT);
    return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
  }

  /** The style class that colours a chip of this kind (see waypost.css). */
  public static String styleClass(TrustVerdict.Kind kind) {
    return "verdict-" + kind.name().toLowerCase(Locale.ROOT);
  }

  /** Why, in one line: the failing checks' details, or what makes the node usable. */
  public static String reason(TrustVerdict verdict) {
    return switch (verdict.kind()) {
      case TRUSTED ->
          "every check passes"
              + verdict.providerName().map(n -> " (provider " + n + ")").orElse("");
      case CUSTOM -> "a server you added: usable without registry approval";
      case UNTRUSTED ->
          String.join(
              "; ",
              verdict.failing().stream()
                  .map(c -> c.detail().isEmpty() ? c.check().description() : c.detail())
                  .toList());
      case UNKNOWN ->
          "the registry state cannot be read"
              + verdict
                  .registryAge()
                  .map(age -> " (what is known is " + age.toSeconds() + " s old)")
                  .orElse("");
    };
  }

  /** A chip for {@code kind}, for a table cell or a sheet's header. */
  public static Label chip(TrustVerdict.Kind kind) {
    Label chip = new Label();
    chip.getStyleClass().add("verdict-chip");
    chip.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // never "Untru…"
    set(chip, kind, null);
    return chip;
  }

  /**
   * Makes {@code chip} show {@code kind}; {@code reason} becomes its tooltip when given. A table
   * calls this for every visible cell at each refresh, mostly with what the chip shows already: it
   * then changes nothing, so no style class churns (each change re-applies CSS) and no tooltip is
   * made again.
   */
  public static void set(Label chip, TrustVerdict.Kind kind, String reason) {
    String wanted = styleClass(kind);
    if (!chip.getStyleClass().contains(wanted)) {
      for (TrustVerdict.Kind each : TrustVerdict.Kind.values()) {
        chip.getStyleClass().remove(styleClass(each));
      }
      chip.getStyleClass().add(wanted);
    }
    chip.setText(title(kind));
    chip.setAccessibleText("Verdict " + title(kind) + (reason == null ? "" : ": " + reason));
    if (reason == null) {
      chip.setTooltip(null);
    } else if (chip.getTooltip() == null) {
      chip.setTooltip(new Tooltip(reason));
    } else {
      chip.getTooltip().setText(reason);
    }
  }

  /** The icon of one check's result: ✔ passed, ✘ failed, ? not known yet. */
  public static String icon(CheckOutcome.Result result) {
    return switch (result) {
      case PASS -> "✔";
      case FAIL -> "✘";
      case UNKNOWN -> "?";
    };
  }
}
