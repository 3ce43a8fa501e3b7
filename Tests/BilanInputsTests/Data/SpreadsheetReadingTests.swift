import Foundation
import Testing

@testable import BilanBase
@testable import BilanInputs

/// The pieces of issue 21 one at a time: separators and decimal marks, sheet names and
/// headers, date declarations, the messages of cells that are not numbers, and dates in
/// filters.
@Suite struct SpreadsheetReadingTests {
    // MARK: - Separators and decimal marks

    private func document(_ text: String, rule: CSVSeparatorRule = .detect) throws -> CSVDocument {
        try CSVReader.read(text: text, file: "t.csv", rule: rule).get()
    }

    @Test func aTabInTheHeaderWinsOverEveryOtherSeparator() throws {
        #expect(try document("a\tb;c,d\n1\t2;3,4\n").separator == .tab)
        #expect(try document("a;b\n1;2\n").separator == .semicolon)
        #expect(try document("a;b,c\n1;2,3\n").separator == .comma, "a comma and a semicolon: commas")
        #expect(try document("\"a\tb\",c\n1,2\n").separator == .comma, "a tab inside quotes does not count")
        #expect(try document("a b\n1\n").separator == .comma)
        // .tsv is tab-separated whatever its header holds.
        #expect(try document("a;b\n1;2\n", rule: .tab).header == ["a;b"])
    }

    @Test func tabFilesUseADecimalCommaOnlyOnTheirCellsEvidence() throws {
        let cases: [(String, Bool)] = [
            ("a\tb\n12,5\t3\n", true),
            ("a\tb\n1 234,50\t3\n", true),
            ("a\tb\n12,5\t3.5\n", false),  // both ways: never a guess
            ("a\tb\n12.5\t3\n", false),
            ("a\tb\n12\t3\n", false),  // integers only: nothing to tell
            ("a\tb\nJade, fils\t3\n", false),  // a comma in text is no evidence
            ("a\tb\n1.4.2024\t2,5\n", true),  // a date's points are no evidence
            ("a\tb\n1 234\t3\n", true),  // digits grouped by a space: French
            ("a\tb\n1\u{202F}234\t3\n", true),
            ("a\tb\n1,234\t3\n", false),  // en-US thousands or fr-CA decimals: no evidence
            ("a\tb\n-1,234\t3\n", false),
            ("a\tb\n1,234\t2,5\n", true),
        ]
        for (text, comma) in cases {
            #expect(TableLoader.usesDecimalComma(try document(text)) == comma, "\(text.debugDescription)")
        }
        #expect(TableLoader.usesDecimalComma(try document("a;b\n12.5;3\n")), "';' files always")
        #expect(!TableLoader.usesDecimalComma(try document("a,b\n\"12,5\",3\n")), "',' files never")
    }

    @Test func aTabFileWithADecimalCommaReadsItsNumbers() throws {
        let loaded = try TableLoader.load(
            Array("nom\theures\nAmélie\t12,5\nJade\t1 234,75\n".utf8), format: .tsv, name: "h", file: "h.tsv"
        ).get()
        #expect(loaded.rows.map { $0[1] } == [.number(Decimal(string: "12.5")!), .number(Decimal(string: "1234.75")!)])
        #expect(loaded.numberConvention == .decimalComma)
    }

    /// en-US Excel's "Unicode text" writes one thousand two hundred thirty-four as `1,234`:
    /// never read as 1.234.
    @Test func aLoneThousandsCommaInATabFileIsNeverReadAsDecimals() throws {
        let table = try TableLoader.load(
            Array("nom\theures\nAmélie\t1,234\nJade\t12\n".utf8), format: .txt, name: "h", file: "h.txt"
        ).get()
        #expect(table.rows.map { $0[1] } == [.text("1,234"), .number(12)])
        #expect(
            table.notANumber(row: 0, column: 1, name: "heures")
                == "cell \"1,234\" in column 'heures' of h.txt:2 is not a number (it looks like a number formatted "
                + "by a spreadsheet; this file writes numbers as digits only, with a point before any decimals: "
                + "write it as 1234 if its comma separates thousands, or as 1.234 if it marks the decimals)")
    }

    // MARK: - Sheets

    @Test func sheetNamesBecomeTableNames() {
        let cases = [
            ("Revenus 2024", "revenus_2024"), ("Activités", "activites"), ("  Été -- 2024 ", "ete_2024"),
            ("ÉQUIPE", "equipe"), ("Feuil1", "feuil1"), ("???", "sheet"), ("", "sheet"),
            ("Dons (T1)", "dons_t1"), ("2024", "2024"), ("Œuvres", "oeuvres"), ("Straße", "strasse"),
            ("Cæcilia", "caecilia"),
        ]
        for (sheet, name) in cases {
            #expect(WorkbookTables.tableName(sheet) == name, "\(sheet)")
        }
    }

    private func tables(_ rows: [WorkbookRow]) -> (tables: [DataTable], problems: [String]) {
        let workbook = Workbook(sheets: [WorkbookSheet(name: "Revenus", rows: rows)], format: .xlsx, dateSystem: nil)
        let (tables, problems) = WorkbookTables.tables(
            workbook, baseName: "finances", file: "content/data/finances.xlsx", dates: DateDeclarations())
        return (tables, problems.map { "\($0.location): \($0.message) [\($0.code)]" })
    }

    @Test func aColumnWithValuesButNoNameIsAnErrorAtItsHeaderCell() {
        let (tables, problems) = tables([
            WorkbookRow(number: 3, cells: [.text("Source"), .empty, .text("Montant")]),
            WorkbookRow(number: 4, cells: [.text("Dons"), .number(5), .number(100)]),
        ])
        #expect(tables.isEmpty)
        #expect(
            problems == [
                "content/data/finances.xlsx:3:2: sheet 'Revenus', cell B3: this column has values but no name in the "
                    + "header row (row 3): name it [csv-header]"
            ])
    }

    @Test func anEmptyUnnamedColumnIsLeftOut() throws {
        let (tables, problems) = tables([
            WorkbookRow(number: 1, cells: [.text("Source"), .empty, .text("Montant")]),
            WorkbookRow(number: 2, cells: [.text("Dons"), .empty, .number(100)]),
        ])
        #expect(problems.isEmpty)
        let table = try #require(tables.first)
        #expect(table.columns == ["Source", "Montant"])
        #expect(table.columnNumbers == [1, 3])
        #expect(table.place(row: 0, column: 1) == "content/data/finances.xlsx, sheet 'Revenus', cell C2")
    }

    @Test func aDuplicateHeaderIsAnErrorAtItsSecondCell() {
        let (tables, problems) = tables([
            WorkbookRow(number: 1, cells: [.text("Montant"), .text("Source"), .text(" Montant ")]),
            WorkbookRow(number: 2, cells: [.number(1), .text("Dons"), .number(2)]),
        ])
        #expect(tables.isEmpty)
        #expect(
            problems == [
                "content/data/finances.xlsx:1:3: sheet 'Revenus', cell C1: the header row names column 'Montant' twice "
                    + "(columns A and C): give each column its own name [csv-header]"
            ])
    }

    // MARK: - Date declarations in report.yaml

    private static let head = """
        organization: Test
        period: 2024
        languages:
          fr: { locale: fr-CA, title: Rapport }

        """

    private func reportProblems(_ data: String) -> [String] {
        switch Result(catching: { () throws(DiagnosticError) in try ReportConfigLoader.parse(Self.head + data) }) {
        case .success: return []
        case .failure(let error): return error.diagnostics.map { "\($0.location): \($0.message)" }
        }
    }

    @Test func dateDeclarationsAreRead() throws {
        let config = try ReportConfigLoader.parse(
            Self.head
                + "data:\n  dates: day-month\n  tables:\n    visites: { dates: month-day }\n"
                + "    dons: { dates: { recu: year-month-day, envoi: month-day } }\n"
        )
        #expect(config.dates.order(table: "autre", column: "x") == .dayMonth)
        #expect(config.dates.order(table: "visites", column: "x") == .monthDay)
        #expect(config.dates.order(table: "dons", column: "recu") == .yearMonthDay)
        #expect(config.dates.order(table: "dons", column: "envoi") == .monthDay)
        #expect(config.dates.order(table: "dons", column: "autre") == .dayMonth)
    }

    @Test func dateDeclarationProblemsAreLocated() {
        let orders = "the order of dates is one of day-month, month-day, year-month-day"
        #expect(reportProblems("data:\n  dates: jour-mois\n") == ["content/report.yaml:6:10: \(orders)"])
        #expect(
            reportProblems("data:\n  date: day-month\n")
                == ["content/report.yaml:6:3: unknown data setting 'date' (known: dates, tables)"])
        #expect(
            reportProblems("data:\n  tables:\n    dons: { dates: day-month, ordre: 1 }\n")
                == ["content/report.yaml:7:31: unknown setting 'ordre' for table 'dons' (known: dates)"])
        #expect(
            reportProblems("data:\n  tables:\n    dons: { dates: { recu: 12 } }\n")
                == ["content/report.yaml:7:28: \(orders)"])
        #expect(
            reportProblems("data:\n  tables:\n    dons: day-month\n")
                == ["content/report.yaml:7:11: table 'dons': write { dates: day-month }"])
        #expect(
            reportProblems("data:\n  tables: [dons]\n")
                == ["content/report.yaml:6:11: 'data.tables' maps a table name to { dates: … }"])
        #expect(
            reportProblems("data: day-month\n")
                == ["content/report.yaml:5:7: 'data' must be a map, such as { dates: day-month }"])
    }

    // MARK: - Cells that are not numbers

    @Test func whyACellIsNotANumber() throws {
        var table = DataTable(
            name: "dons", file: "content/data/dons.csv", columns: ["recu", "montant"],
            rows: [
                [.date(try #require(DateValue(year: 2024, month: 4, day: 1))), .text("42 000,50 $")],
                [.missing, .text("12,5 %")], [.text("abc"), .number(3)],
            ], rowLines: [2, 3, 4], columnLines: [1, 1])
        table.numberConvention = .decimalComma
        #expect(
            table.notANumber(row: 0, column: 0, name: "recu")
                == "cell 2024-04-01 in column 'recu' of content/data/dons.csv:2 is a date, not a number")
        #expect(
            table.notANumber(row: 0, column: 1, name: "montant")
                == "cell \"42 000,50 $\" in column 'montant' of content/data/dons.csv:2 is not a number (it looks "
                + "like a number formatted by a spreadsheet; this file writes numbers as digits only, with a comma "
                + "before any decimals: write it as 42000,50)")
        #expect(
            table.notANumber(row: 1, column: 1, name: "montant")
                == "cell \"12,5 %\" in column 'montant' of content/data/dons.csv:3 is not a number (it looks like a "
                + "percentage formatted by a spreadsheet; this file writes numbers as digits only, with a comma "
                + "before any decimals: write it as the fraction 0,125)")
        #expect(
            table.notANumber(row: 2, column: 0, name: "recu")
                == "cell \"abc\" in column 'recu' of content/data/dons.csv:4 is not a number")
        #expect(table.notANumber(row: 1, column: 0, name: "recu") == nil, "missing")
        #expect(table.notANumber(row: 2, column: 1, name: "montant") == nil)
        #expect(table.notANumber(row: 9, column: 0, name: "recu") == nil)

        table.numberConvention = .decimalPoint
        #expect(
            table.notANumber(row: 0, column: 1, name: "montant")?.hasSuffix(
                "this file writes numbers as digits only, with a point before any decimals: write it as 42000.50)")
                == true)
    }

    @Test func aSpreadsheetErrorCellNamesItsSheetAndCell() {
        var table = DataTable(
            name: "budget", file: "content/data/budget.xlsx", columns: ["Poste", "Ratio"],
            rows: [[.text("Salaires"), .error("#DIV/0!")]], rowLines: [2], columnLines: [1, 1])
        table.sheet = "Budget"
        table.columnNumbers = [1, 3]
        #expect(
            table.notANumber(row: 0, column: 1, name: "Ratio")
                == "content/data/budget.xlsx, sheet 'Budget', cell C2 holds the spreadsheet error #DIV/0! (in column "
                + "'Ratio'), not a number: correct its formula in the workbook and save it again")
    }

    @Test func aQuotedNumberInJSONIsToldToLoseItsQuotes() throws {
        let table = try TableLoader.load(
            Array(#"[{"montant": "12.5"}, {"montant": "12,5"}]"#.utf8), format: .json, name: "t",
            file: "content/data/t.json"
        ).get()
        #expect(
            table.notANumber(row: 0, column: 0, name: "montant")
                == "cell \"12.5\" in column 'montant' of content/data/t.json:1 is not a number (in JSON a number in "
                + "quotes is text: write it without the quotes, as 12.5)")
        // Not a number JSON reads even without its quotes: the spreadsheet hint, with a point.
        #expect(
            table.notANumber(row: 1, column: 0, name: "montant")
                == "cell \"12,5\" in column 'montant' of content/data/t.json:1 is not a number (it looks like a number "
                + "formatted by a spreadsheet; this file writes numbers as digits only, with a point before any "
                + "decimals: write it as 12.5)")
    }

    // MARK: - Dates in filters

    private func dateProblem(_ filter: String, dates: Set<String>) throws -> String? {
        try FigureParser.parseFilter(filter).dateProblem { dates.contains($0.text) }?.message
    }

    @Test func aDateIsComparedWithDatesOnly() throws {
        #expect(try dateProblem("recu >= 2024-12-01 and recu < \"2025-04-01\"", dates: ["recu"]) == nil)
        #expect(try dateProblem("type = \"individuelle\"", dates: ["recu"]) == nil)
        #expect(
            try dateProblem("recu >= 2024", dates: ["recu"])
                == "column 'recu' holds dates: compare it with a date such as 2024-12-01, not the number 2024")
        #expect(
            try dateProblem("type = \"a\" or recu >= \"hiver\"", dates: ["recu"])
                == "column 'recu' holds dates: compare it with a date such as 2024-12-01, not the text \"hiver\"")
        #expect(
            try dateProblem("annee >= 2024-12-01", dates: ["recu"])
                == "2024-12-01 is a date, but column 'annee' holds no dates: compare it with a number or a \"string\"")
        // A filter compares a column with one value: `2024-12` is no date, and no value either.
        #expect(throws: FigureSyntaxError.self) { try FigureParser.parseFilter("recu >= 2024-12") }
    }

    @Test func theLexerReadsDateLiterals() throws {
        let kinds = try FigureLexer.tokens(in: "d >= 2024-12-01").map(\.kind)
        #expect(kinds.contains(.date(try #require(DateValue(year: 2024, month: 12, day: 1)))))
        #expect(!kinds.contains { if case .number = $0 { true } else { false } })

        #expect(throws: FigureSyntaxError(offset: 5, message: "2024-13-01 is not a date (no such day)")) {
            try FigureLexer.tokens(in: "d >= 2024-13-01")
        }
        #expect(throws: FigureSyntaxError(offset: 0, message: "2023-02-29 is not a date (no such day)")) {
            try FigureLexer.tokens(in: "2023-02-29")
        }
        // Not shaped as a date: arithmetic, as before.
        let arithmetic = try FigureLexer.tokens(in: "2024-12").map(\.kind)
        #expect(arithmetic.prefix(3) == [.number(2024), .arithmetic(.subtract), .number(12)])
        let expression = try FigureParser.parse("2024-12-1")
        #expect(FigureEvaluatorProbe.isArithmetic(expression))
    }
}

/// Tells an arithmetic expression from a single value.
private enum FigureEvaluatorProbe {
    static func isArithmetic(_ expression: FigureExpression) -> Bool {
        if case .binary = expression.kind { return true }
        return false
    }
}
