import Foundation
import Testing
@testable import BilanInputs

@Suite struct StoredNumberTests {
    @Test(arguments: [
        ("1234.5", "1234.5"), ("1.0000000000000001E-2", "0.01"), ("0.30000000000000004", "0.3"),
        ("-0.30000000000000004", "-0.3"), ("45383", "45383"), ("1E3", "1000"), ("+2.50", "2.5"),
        ("0.1234567890123456789", "0.123456789012346"), ("9999999999999999", "10000000000000000"),
        ("123456789012345678", "123456789012346000"), ("0", "0"), ("-0", "0"), ("1e-300", "0"), (".5", "0.5"),
        ("5.", "5"), ("  42  ", "42"), ("2.675E-1", "0.2675"), ("1.5e+2", "150"),
    ])
    func parsesExactly(text: String, expected: String) {
        #expect(
            StoredNumber.parse(text)
                == .number(
                    Decimal(string: expected, locale: Locale(identifier: "en_US_POSIX"))
                        ?? .nan), "\(text)")
    }

    @Test(arguments: ["", "abc", "1,5", "1.2.3", "1e", "e5", "--1", "0x10", "1 2", "NaN", "inf"])
    func refusesNonNumbers(text: String) {
        #expect(StoredNumber.parse(text) == .invalid)
    }

    @Test func outOfRange() {
        #expect(StoredNumber.parse("1.7976931348623157E308") == .outOfRange)
        #expect(StoredNumber.parse("1e99999999999999999999") == .outOfRange)
    }
}

@Suite struct CalendarDateTests {
    @Test func excel1900() {
        #expect(CalendarDate(serial: 1, system: .excel1900) == CalendarDate(year: 1900, month: 1, day: 1))
        #expect(CalendarDate(serial: 59, system: .excel1900) == CalendarDate(year: 1900, month: 2, day: 28))
        #expect(CalendarDate(serial: 60, system: .excel1900) == CalendarDate(year: 1900, month: 2, day: 29))
        #expect(CalendarDate(serial: 61, system: .excel1900) == CalendarDate(year: 1900, month: 3, day: 1))
        #expect(CalendarDate(serial: 45383.999, system: .excel1900) == CalendarDate(year: 2024, month: 4, day: 1))
        #expect(CalendarDate(serial: 2_958_465, system: .excel1900) == CalendarDate(year: 9999, month: 12, day: 31))
        #expect(CalendarDate(serial: 0, system: .excel1900) == nil)
        #expect(CalendarDate(serial: -1, system: .excel1900) == nil)
        #expect(CalendarDate(serial: 2_958_466, system: .excel1900) == nil)
    }

    @Test func excel1904() {
        #expect(CalendarDate(serial: 0, system: .excel1904) == CalendarDate(year: 1904, month: 1, day: 1))
        #expect(CalendarDate(serial: 43921, system: .excel1904) == CalendarDate(year: 2024, month: 4, day: 1))
    }

    @Test func iso() {
        #expect(CalendarDate(iso: "2024-04-01") == CalendarDate(year: 2024, month: 4, day: 1))
        #expect(CalendarDate(iso: "2024-04-01T10:00:00") == CalendarDate(year: 2024, month: 4, day: 1))
        #expect(CalendarDate(iso: "2024-02-29") == CalendarDate(year: 2024, month: 2, day: 29))
        for bad in ["2023-02-29", "2024-13-01", "2024-4-1", "20240401", "", "T", "abcd-ef-gh", "1900-00-10"] {
            #expect(CalendarDate(iso: bad) == nil, "\(bad)")
        }
    }
}

@Suite struct NumberFormatKindTests {
    @Test(arguments: [
        "yyyy-mm-dd", "yyyy\\-mm\\-dd", "m/d/yyyy", "[$-409]mmmm\\ d\\,\\ yyyy;@",
        "[$-fr-CA]d mmmm yyyy h:mm",
        "dd/mm/yy hh:mm", "mmm", "[Red]d-mmm", "MMMM YYYY", "d\" de \"mmmm",
    ])
    func dates(code: String) {
        #expect(NumberFormatKind.isDate(formatCode: code), "\(code)")
    }

    @Test(arguments: [
        "General", "0.00", "0.0%", "#,##0.00\\ [$$-C0C]", "hh:mm", "h:mm AM/PM", "[h]:mm:ss", "mm:ss.0",
        "\"day\" 0.00", "\\d\\y 0", "[Red][>100]0;[Blue]0", "0.00E+00", "@", "_-* #,##0 \"$\"_-",
        "[$€-fr-FR] #,##0.00", "h:mm:ss A/P",
    ])
    func notDates(code: String) {
        #expect(!NumberFormatKind.isDate(formatCode: code), "\(code)")
    }

    @Test func builtIns() {
        #expect((14...17).allSatisfy(NumberFormatKind.isBuiltInDate))
        #expect(NumberFormatKind.isBuiltInDate(22))
        #expect(![0, 1, 9, 10, 18, 19, 20, 21, 45, 46, 47, 49, 164].contains(where: NumberFormatKind.isBuiltInDate))
    }
}

@Suite struct CellPositionTests {
    @Test func references() {
        #expect(cellReference(row: 7, column: 2) == "B7")
        #expect(cellReference(row: 1, column: 26) == "Z1")
        #expect(cellReference(row: 1, column: 27) == "AA1")
        #expect(cellReference(row: 1, column: 16384) == "XFD1")
        #expect(cellReference(row: 0, column: 0) == "??")
        #expect(CellPosition(reference: "B7") == CellPosition(row: 7, column: 2))
        #expect(CellPosition(reference: "$xfd$1048576") == CellPosition(row: 1_048_576, column: 16384))
        for bad in ["", "7", "B", "B0", "7B", "XFE1", "A1048577", "A1B", "A-1", "AAAAAAAAAAAAAAAAAAAA1"] {
            #expect(CellPosition(reference: bad) == nil, "\(bad)")
        }
        #expect(CellRange(reference: "C4:A2")?.cellCount == 9)
        #expect(
            CellRange(reference: "A2:A4")
                == CellRange(
                    first: CellPosition(row: 2, column: 1),
                    last: CellPosition(row: 4, column: 1)))
        #expect(CellRange(reference: "A1:B2:C3") == nil)
    }
}

@Suite struct XMLPullParserTests {
    func events(_ xml: String, maxDepth: Int = 16) throws(XMLSyntaxError) -> [XMLEvent] {
        var parser = XMLPullParser(bytes: Array(xml.utf8), maxDepth: maxDepth)
        var result: [XMLEvent] = []
        while let event = try parser.next() { result.append(event) }
        return result
    }

    func start(_ name: String, _ attributes: [(String, String)] = []) -> XMLEvent {
        let local = String(name.split(separator: ":").last ?? "")
        return .start(
            XMLStartTag(
                name: name, localName: local,
                attributes: attributes.map {
                    XMLAttribute(name: $0.0, localName: String($0.0.split(separator: ":").last ?? ""), value: $0.1)
                }))
    }

    @Test func elementsAttributesText() throws {
        let xml =
            "\u{FEFF}<?xml version=\"1.0\"?><!-- c --><a x:k='1 &amp; 2' b=\"&#65;&#x42;\tc\">t&lt;"
            + "<![CDATA[<raw>&]]><b/><?pi x?>\r\nz</a>"
        #expect(
            try events(xml) == [
                start("a", [("x:k", "1 & 2"), ("b", "AB c")]), .text("t<"), .text("<raw>&"), start("b"), .end("b"),
                .text("\nz"), .end("a"),
            ])
    }

    @Test(arguments: [
        ("<a>", "the file ends inside the element <a>"),
        ("<a></b>", "</b> closes <a>"),
        ("<a>&nbsp;</a>", "the unknown entity &nbsp;"),
        ("<a>&#0;</a>", "the unknown entity &#0;"),
        ("<a>&#xD800;</a>", "the unknown entity &#xD800;"),
        ("<!DOCTYPE a [<!ENTITY x \"y\">]><a/>", "a DOCTYPE declaration, which workbook files never contain"),
        ("<a/><b/>", "a second root element"),
        ("text", "text outside the root element"),
        ("", "no root element"),
        ("<a b=c/>", "expected a quoted value for the attribute b"),
        ("<a><!-- never closed", "the file ends inside a comment"),
        ("<a b=\"<\"/>", "'<' inside an attribute value"),
    ])
    func syntaxErrors(xml: String, message: String) {
        #expect(throws: XMLSyntaxError.self) { try events(xml) }
        do {
            _ = try events(xml)
        } catch {
            #expect(error.message == message)
        }
    }

    @Test func depthLimit() {
        let xml = String(repeating: "<a>", count: 17) + String(repeating: "</a>", count: 17)
        #expect(throws: XMLSyntaxError(message: "elements nested more than 16 deep", line: 1, column: 52)) {
            try events(xml)
        }
        #expect((try? events(String(repeating: "<a>", count: 16) + String(repeating: "</a>", count: 16))) != nil)
    }

    @Test func errorPositions() {
        #expect(throws: XMLSyntaxError(message: "</b> closes <a>", line: 3, column: 4)) {
            try events("<a>\n\n   </b>")
        }
    }
}
