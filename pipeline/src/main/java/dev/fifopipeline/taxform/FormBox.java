package dev.fifopipeline.taxform;

import java.util.Arrays;
import java.util.List;

/**
 * The check boxes of Form 8949 and the Schedule D line each one's totals go to. Part I (short
 * term): A, B, C for sales reported (or not) on Form 1099-B, and from tax year 2025 G, H, I for
 * digital assets reported (or not) on Form 1099-DA; Part II (long term): D, E, F and J, K, L
 * likewise. Schedule D takes a box's totals on line 1b, 2 or 3 (Part I) and 8b, 9 or 10 (Part II):
 * the 2025 form's lines take the digital-asset box beside the older one (line 1b: Box A or Box G,
 * and so on), so the line numbers stay the same.
 */
public enum FormBox {
  A(false, false, BasisReporting.REPORTED, "1b"),
  B(false, false, BasisReporting.NOT_REPORTED, "2"),
  C(false, false, BasisReporting.NO_FORM, "3"),
  D(true, false, BasisReporting.REPORTED, "8b"),
  E(true, false, BasisReporting.NOT_REPORTED, "9"),
  F(true, false, BasisReporting.NO_FORM, "10"),
  G(false, true, BasisReporting.REPORTED, "1b"),
  H(false, true, BasisReporting.NOT_REPORTED, "2"),
  I(false, true, BasisReporting.NO_FORM, "3"),
  J(true, true, BasisReporting.REPORTED, "8b"),
  K(true, true, BasisReporting.NOT_REPORTED, "9"),
  L(true, true, BasisReporting.NO_FORM, "10");

  /** The first tax year whose form has the digital-asset boxes G to L. */
  public static final int DIGITAL_ASSET_BOXES_FROM = 2025;

  private final boolean longTerm;
  private final boolean digitalAsset;
  private final BasisReporting reporting;
  private final String scheduleDLine;

  FormBox(boolean longTerm, boolean digitalAsset, BasisReporting reporting, String scheduleDLine) {
    this.longTerm = longTerm;
    this.digitalAsset = digitalAsset;
    this.reporting = reporting;
    this.scheduleDLine = scheduleDLine;
  }

  /**
   * The box of a digital-asset sale: G to L from tax year 2025, A to F before (when crypto was
   * reported, if at all, on Form 1099-B).
   *
   * @param longTerm held more than one year (Part II)
   */
  public static FormBox of(BasisReporting reporting, boolean longTerm, int taxYear) {
    boolean digital = taxYear >= DIGITAL_ASSET_BOXES_FROM;
    return Arrays.stream(values())
        .filter(
            b -> b.reporting == reporting && b.longTerm == longTerm && b.digitalAsset == digital)
        .findFirst()
        .orElseThrow();
  }

  /**
   * The boxes the form of {@code taxYear} offers in the part for {@code longTerm}, in its order.
   */
  public static List<FormBox> offered(boolean longTerm, int taxYear) {
    boolean digital = taxYear >= DIGITAL_ASSET_BOXES_FROM;
    return Arrays.stream(values())
        .filter(b -> b.longTerm == longTerm && (digital || !b.digitalAsset))
        .toList();
  }

  /** One of the digital-asset boxes G to L (tax year 2025 on). */
  public boolean digitalAsset() {
    return digitalAsset;
  }

  /** Held more than one year: Part II. */
  public boolean longTerm() {
    return longTerm;
  }

  /** {@code I} (short term) or {@code II} (long term). */
  public String part() {
    return longTerm ? "II" : "I";
  }

  public BasisReporting reporting() {
    return reporting;
  }

  /** The Schedule D line taking this box's totals: {@code 1b}, {@code 2}, ... {@code 10}. */
  public String scheduleDLine() {
    return scheduleDLine;
  }

  /** The box's caption on the form of {@code taxYear} (paraphrased, not the form's exact words). */
  public String caption(int taxYear) {
    String term = longTerm ? "Long-term" : "Short-term";
    String form = digitalAsset ? "Form(s) 1099-DA" : "Form(s) 1099-B";
    return "("
        + name()
        + ") "
        + switch (reporting) {
          case REPORTED ->
              term
                  + " transactions reported on "
                  + form
                  + " showing basis was reported to"
                  + " the IRS";
          case NOT_REPORTED ->
              term
                  + " transactions reported on "
                  + form
                  + " showing basis wasn't"
                  + " reported to the IRS";
          case NO_FORM ->
              term
                  + (digitalAsset ? " digital asset" : "")
                  + " transactions not reported"
                  + " to you on "
                  + (digitalAsset
                      ? "Form 1099-DA"
                      : taxYear >= DIGITAL_ASSET_BOXES_FROM
                          ? "Form 1099-B or 1099-DA"
                          : "Form 1099-B");
        };
  }

  /** What Schedule D's line says it takes: {@code Totals for all transactions reported on ...}. */
  public String scheduleDCaption() {
    return "Totals for all transactions reported on Form(s) 8949 with Box " + name() + " checked";
  }
}
