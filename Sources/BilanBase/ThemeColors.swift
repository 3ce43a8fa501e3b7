import Foundation

/// Every colour of a report derived from its theme's accent (`theme.accent`), with the
/// WCAG 2.2 contrast arithmetic that keeps them readable.
///
/// From the accent come the links and rules (`--accent`), the tint of the contents box
/// and code (`--soft`, the accent mixed with 93 % white), the rules (`--rule`, 75 %
/// white) and the first series of the charts; the other series keep bilan's palette,
/// without the hue nearest the accent. An accent under 3:1 against white is not used for
/// chart series (WCAG 1.4.11 asks 3:1 for graphics), and under 4.5:1 it is a
/// `low-contrast-accent` warning, since links are text (1.4.3).
package enum ThemeColors {
    /// The colour of the page's background, against which contrasts are measured.
    package static let background = "#ffffff"
    /// The contrast links (text) need against the background.
    package static let textContrast = 4.5
    /// The contrast chart series (graphics) need against the background.
    package static let graphicsContrast = 3.0

    /// `#7a2e8e` or `#fff` as red, green and blue from 0 to 1; nil for anything else.
    package static func rgb(_ hex: String) -> (Double, Double, Double)? {
        var digits = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
        if digits.count == 3 { digits = digits.map { "\($0)\($0)" }.joined() }
        guard digits.count == 6, let value = UInt32(digits, radix: 16) else { return nil }
        return (Double(value >> 16 & 0xFF) / 255, Double(value >> 8 & 0xFF) / 255, Double(value & 0xFF) / 255)
    }

    /// The WCAG relative luminance of a colour.
    package static func luminance(_ hex: String) -> Double {
        guard let (r, g, b) = rgb(hex) else { return 0 }
        func linear(_ channel: Double) -> Double {
            channel <= 0.04045 ? channel / 12.92 : pow((channel + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    }

    /// The WCAG contrast ratio of two colours, from 1 to 21.
    package static func contrast(_ first: String, _ second: String) -> Double {
        let (a, b) = (luminance(first), luminance(second))
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }

    /// `color` mixed with white, `white` of it white (0 to 1), as `#rrggbb`.
    package static func tint(_ color: String, white: Double) -> String {
        guard let (r, g, b) = rgb(color) else { return color }
        func channel(_ value: Double) -> String {
            String(format: "%02x", Int(((value * (1 - white) + white) * 255).rounded()))
        }
        return "#" + channel(r) + channel(g) + channel(b)
    }

    /// The hue of a colour in degrees (0 to 360), nil for a grey.
    package static func hue(_ color: String) -> Double? {
        guard let (r, g, b) = rgb(color) else { return nil }
        let high = max(r, g, b)
        let low = min(r, g, b)
        guard high - low > 0.05 else { return nil }
        let delta = high - low
        var hue: Double
        if high == r {
            hue = (g - b) / delta
        } else if high == g {
            hue = (b - r) / delta + 2
        } else {
            hue = (r - g) / delta + 4
        }
        hue *= 60
        return hue < 0 ? hue + 360 : hue
    }

    /// The chart series' colours for a theme: `palette` as it is without an accent or
    /// with one too light for graphics; else the accent first, then `palette` without
    /// its colour nearest the accent's hue.
    package static func chartPalette(accent: String?, palette: [String]) -> [String] {
        guard let accent, rgb(accent) != nil, contrast(accent, background) >= graphicsContrast else { return palette }
        guard let accentHue = hue(accent) else { return [accent] + palette.dropLast() }
        func distance(_ color: String) -> Double {
            guard let other = hue(color) else { return 360 }
            let gap = abs(other - accentHue)
            return min(gap, 360 - gap)
        }
        let nearest = palette.indices.min { distance(palette[$0]) < distance(palette[$1]) } ?? 0
        return [accent] + palette.enumerated().filter { $0.offset != nearest }.map(\.element)
    }

    /// The style a page adds after the stylesheet for its theme: the colours from the
    /// accent, the font stack, and figures in the text not bold when asked; nil when the
    /// theme changes nothing.
    package static func css(accent: String?, font: String?, boldFigures: Bool) -> String? {
        var properties: [String] = []
        if let accent, rgb(accent) != nil {
            properties += [
                "--accent: \(accent);", "--soft: \(tint(accent, white: 0.93));",
                "--rule: \(tint(accent, white: 0.75));",
            ]
        }
        if let font { properties.append("--font: \(font);") }
        var rules: [String] = []
        if !properties.isEmpty { rules.append(":root { " + properties.joined(separator: " ") + " }") }
        if !boldFigures { rules.append(".figure { font-weight: inherit; }") }
        return rules.isEmpty ? nil : rules.joined(separator: "\n")
    }

    /// Whether a font stack is safe to write into a style: font names (letters, digits,
    /// spaces, `-` and `_`, a name with spaces between double quotes), separated by commas.
    package static func isFontStack(_ text: String) -> Bool {
        let names = text.split(separator: ",", omittingEmptySubsequences: false)
        return !names.isEmpty
            && names.allSatisfy { part in
                var name = part.trimmingCharacters(in: .whitespaces)
                if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 {
                    name = String(name.dropFirst().dropLast())
                }
                return !name.isEmpty
                    && name.unicodeScalars.allSatisfy {
                        $0.properties.isAlphabetic || ("0"..."9").contains($0) || " -_".unicodeScalars.contains($0)
                    }
            }
    }
}
