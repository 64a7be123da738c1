package dev.fifopipeline.taxform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Which box of Form 8949 a lot goes in, and which Schedule D line takes the box. */
@Tag("unit")
class FormBoxTest {
  @Test
  void beforeTaxYear2025TheBoxesAreAToFAndFrom2025GToL() {
    assertEquals(FormBox.A, FormBox.of(BasisReporting.REPORTED, false, 2024));
    assertEquals(FormBox.B, FormBox.of(BasisReporting.NOT_REPORTED, false, 2024));
    assertEquals(FormBox.C, FormBox.of(BasisReporting.NO_FORM, false, 2024));
    assertEquals(FormBox.D, FormBox.of(BasisReporting.REPORTED, true, 2024));
    assertEquals(FormBox.E, FormBox.of(BasisReporting.NOT_REPORTED, true, 2024));
    assertEquals(FormBox.F, FormBox.of(BasisReporting.NO_FORM, true, 2024));
    assertEquals(FormBox.G, FormBox.of(BasisReporting.REPORTED, false, 2025));
    assertEquals(FormBox.H, FormBox.of(BasisReporting.NOT_REPORTED, false, 2025));
    assertEquals(FormBox.I, FormBox.of(BasisReporting.NO_FORM, false, 2025));
    assertEquals(FormBox.J, FormBox.of(BasisReporting.REPORTED, true, 2026));
    assertEquals(FormBox.K, FormBox.of(BasisReporting.NOT_REPORTED, true, 2026));
    assertEquals(FormBox.L, FormBox.of(BasisReporting.NO_FORM, true, 2026));
  }

  @Test
  void scheduleDTakesEachBoxOnItsLineAndTheDigitalAssetBoxesBesideTheOlderOnes() {
    assertEquals(
        List.of("1b", "2", "3", "8b", "9", "10", "1b", "2", "3", "8b", "9", "10"),
        java.util.Arrays.stream(FormBox.values()).map(FormBox::scheduleDLine).toList());
    assertEquals("I", FormBox.I.part());
    assertEquals("II", FormBox.L.part());
  }

  @Test
  void theFormOfAYearOffersItsBoxesInItsOrder() {
    assertEquals(List.of(FormBox.A, FormBox.B, FormBox.C), FormBox.offered(false, 2024));
    assertEquals(
        List.of(FormBox.D, FormBox.E, FormBox.F, FormBox.J, FormBox.K, FormBox.L),
        FormBox.offered(true, 2025));
    assertEquals(
        "(I) Short-term digital asset transactions not reported to you on Form 1099-DA",
        FormBox.I.caption(2025));
  }

  @Test
  void anAccountNotListedTakesTheDefault() {
    FormSettings settings =
        new FormSettings(
            BasisReporting.NO_FORM, java.util.Map.of("alpha", BasisReporting.REPORTED), false);
    assertEquals(BasisReporting.REPORTED, settings.reporting("alpha"));
    assertEquals(BasisReporting.NO_FORM, settings.reporting("beta"));
    assertEquals(BasisReporting.NO_FORM, settings.reporting(null));
    assertEquals(BasisReporting.NOT_REPORTED, BasisReporting.parse(" Not-Reported ").orElseThrow());
    assertEquals("default no-form; alpha reported", settings.describe());
  }
}
