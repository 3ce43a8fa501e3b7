public import BilanBase
import Foundation

/// How one file of `content/data/` was read: its format, its text conventions and the
/// tables it gave. What `bilan data` shows, so that an officer can see why a number is
/// what it is.
public struct DataFileReading: Sendable, Equatable {
    /// The file, relative to the project folder.
    public var file: String
    public var format: TableFormat
    /// The text encoding (`UTF-8`, `UTF-16LE`, `Windows-1252`…), for text files.
    public var encoding: String?
    /// The cell separator of a delimited text file: `,`, `;` or `tab`.
    public var separator: String?
    /// The decimal mark numbers were read with: `.` or `,`.
    public var decimalMark: String?
    /// The tables the file gave, in file order (several for a workbook with several sheets).
    public var tables: [String]
    /// The file has an error (in the diagnostics), so it gave no table.
    public var failed = false

    public init(
        file: String, format: TableFormat, encoding: String? = nil, separator: String? = nil,
        decimalMark: String? = nil, tables: [String] = []
    ) {
        self.file = file
        self.format = format
        self.encoding = encoding
        self.separator = separator
        self.decimalMark = decimalMark
        self.tables = tables
    }
}

/// A file of `content/data/` that bilan does not read, and what to do with it.
public struct IgnoredDataFile: Sendable, Equatable {
    public var file: String
    /// Why it is not read, and what to do: a sentence that ends the warning.
    public var advice: String

    public init(file: String, advice: String) {
        self.file = file
        self.advice = advice
    }

    /// The advice for a file that is not a data table, by its extension.
    package static func advice(forExtension fileExtension: String) -> String {
        switch fileExtension.lowercased() {
        case "xls", "xlsb":
            "bilan does not read the old Excel formats: open it in Excel or LibreOffice and save it as .xlsx"
        case "xlsm":
            "bilan does not read workbooks with macros: save a copy as .xlsx (Excel Workbook) in content/data/"
        case "numbers":
            "bilan does not read Numbers files: export it from Numbers as .xlsx or CSV"
        case "pdf", "doc", "docx", "odt", "png", "jpg", "jpeg", "gif", "svg", "webp", "tif", "tiff":
            "this is not a data table: put it in content/assets/ to show it or link to it"
        case "md", "markdown":
            "sections belong in content/sections/; notes about the data can go outside content/"
        case "yaml", "yml":
            "figures are named in content/figures.yaml; data tables are .csv, .tsv, .txt, .json, .xlsx or .ods files"
        default:
            "bilan reads data tables from .csv, .tsv, .txt (tab-separated), .json, .xlsx and .ods files: "
                + "convert it, or move it out of content/data/"
        }
    }
}

/// Everything the data stage read: the tables by name, how each file was read, the
/// files left alone, and the problems found.
public struct DataReading: Sendable {
    public var tables: [String: DataTable] = [:]
    /// Every data file read (even one with an error), in name order.
    public var files: [DataFileReading] = []
    public var ignored: [IgnoredDataFile] = []
    /// Tables whose file has an error (already in `diagnostics`): later stages need not
    /// report them again.
    public var unreadable: Set<String> = []
    public var diagnostics: [Diagnostic] = []

    public init() {}
}
