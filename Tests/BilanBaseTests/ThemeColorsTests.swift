import Testing
@testable import BilanBase

/// The theme's colours: WCAG contrast ratios computed from the formula, the tints and the
/// chart palette derived from an accent, and the font stacks a style may hold.
@Suite struct ThemeColorsTests {
    @Test func contrastRatiosAreWCAGs() {
        #expect(ThemeColors.contrast("#000000", "#ffffff") == 21)
        #expect(ThemeColors.contrast("#ffffff", "#fff") == 1)
        // Known values: #767676 is the lightest grey with 4.5:1 on white.
        #expect(abs(ThemeColors.contrast("#767676", "#ffffff") - 4.54) < 0.01)
        #expect(abs(ThemeColors.contrast("#7a2e8e", "#ffffff") - 8.05) < 0.01)
        #expect(ThemeColors.contrast("#ffcc00", "#ffffff") < 1.7)
    }

    @Test func tintsMixWithWhite() {
        #expect(ThemeColors.tint("#7a2e8e", white: 0.93) == "#f6f0f7")
        #expect(ThemeColors.tint("#000000", white: 0.5) == "#808080")
        #expect(ThemeColors.tint("#123456", white: 0) == "#123456")
    }

    @Test func theAccentLeadsTheChartPalette() {
        let palette = ["#0072B2", "#E69F00", "#00664A", "#56B4E9", "#A63F00", "#CC79A7", "#444444"]
        // A purple accent replaces the pink, the nearest hue.
        #expect(
            ThemeColors.chartPalette(accent: "#7a2e8e", palette: palette)
                == ["#7a2e8e", "#0072B2", "#E69F00", "#00664A", "#56B4E9", "#A63F00", "#444444"])
        // Too light for graphics (under 3:1), or none: bilan's palette as it is.
        #expect(ThemeColors.chartPalette(accent: "#ffcc00", palette: palette) == palette)
        #expect(ThemeColors.chartPalette(accent: nil, palette: palette) == palette)
        // A derived palette keeps its length: the accent takes one colour's place.
        #expect(ThemeColors.chartPalette(accent: "#1b5e20", palette: palette).count == palette.count)
        #expect(ThemeColors.chartPalette(accent: "#1b5e20", palette: palette).first == "#1b5e20")
    }

    @Test func theStyleOfATheme() {
        #expect(ThemeColors.css(accent: nil, font: nil, boldFigures: true) == nil)
        #expect(
            ThemeColors.css(accent: "#1b5e20", font: "\"Atkinson Hyperlegible\", Arial, sans-serif", boldFigures: false)
                == ":root { --accent: #1b5e20; --soft: #eff4ef; --rule: #c6d7c7; "
                + "--font: \"Atkinson Hyperlegible\", Arial, sans-serif; }\n.figure { font-weight: inherit; }")
    }

    @Test func fontStacksHoldOnlyFontNames() {
        #expect(ThemeColors.isFontStack("Georgia, serif"))
        #expect(ThemeColors.isFontStack("\"Source Sans 3\", system-ui, sans-serif"))
        #expect(!ThemeColors.isFontStack("Arial; } body { display: none"))
        #expect(!ThemeColors.isFontStack("Arial</style><script>"))
        #expect(!ThemeColors.isFontStack("Arial,,serif"))
        #expect(!ThemeColors.isFontStack(""))
    }
}
