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

  /** Makes {@code chip} show {@code kind}; {@code reason} becomes its tooltip when given. */
  public static void set(Label chip, TrustVerdict.Kind kind, String reason) {
    for (TrustVerdict.Kind each : TrustVerdict.Kind.values()) {
      chip.getStyleClass().remove(styleClass(each));
    }
    chip.getStyleClass().add(styleClass(kind));
    chip.setText(title(kind));
    chip.setAccessibleText("Verdict " + title(kind) + (reason == null ? "" : ": " + reason));
    chip.setTooltip(reason == null ? null : new Tooltip(reason));
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
