package import Foundation
import ZIPFoundation

/// The parts of an Office Open XML package, zipped the same way every time: the parts in
/// the order given, every entry dated 1980-01-01 00:00 UTC (the zip format's first day)
/// with the same permissions, so that the same parts give byte-identical files.
package struct WordPackage: Sendable {
    /// A part's name in the package (`word/document.xml`) and its bytes.
    package var parts: [(name: String, bytes: [UInt8])] = []

    package init() {}

    package mutating func add(_ name: String, _ text: String) { parts.append((name, Array(text.utf8))) }
    package mutating func add(_ name: String, bytes: [UInt8]) { parts.append((name, bytes)) }

    /// The day every entry carries: 1980-01-01 00:00:00 UTC.
    package static let entryDate = Date(timeIntervalSince1970: 315_532_800)

    /// The zipped package, or why ZIPFoundation could not write it.
    package func zipped() -> Result<[UInt8], any Error> {
        Result {
            let archive = try Archive(data: Data(), accessMode: .create)
            for part in parts {
                let data = Data(part.bytes)
                try archive.addEntry(
                    with: part.name, type: .file, uncompressedSize: Int64(data.count), modificationDate: Self.entryDate,
                    permissions: 0o644, compressionMethod: .deflate
                ) { position, size in
                    data.subdata(in: Int(position)..<min(Int(position) + size, data.count))
                }
            }
            return Array(archive.data ?? Data())
        }
    }
}

/// Escaping for the XML bilan writes in a Word document: `&`, `<`, `>` and `"` as
/// entities, and the characters XML 1.0 forbids (controls but tab, line feed and
/// carriage return; U+FFFE and U+FFFF) left out, so that text from the data never breaks
/// a part (and never forges the markers ``WordSection`` leaves in its XML).
package enum WordXML {
    package static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The XML declaration every part starts with.
    package static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
}
