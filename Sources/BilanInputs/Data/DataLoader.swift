public import Foundation
public import BilanBase

/// The data stage: reads every table of a project's `content/data/` folder.
///
/// Each `NAME.csv`, `NAME.tsv`, `NAME.txt` (tab-separated) or `NAME.json` there is the
/// table `NAME` (see ``TableLoader``). Files are read in name order; any other file is an
/// `ignored-data-file` warning; no `content/data/` folder means no tables.
public struct DataLoader: Sendable {
    /// The folder data paths are relative to.
    package static let folder = "content/data"

    /// The project folder, which holds `content/`.
    public var projectFolder: URL

    /// The order of day and month declared for `01/04/2024`-style dates.
    public var dates: DateDeclarations

    public init(projectFolder: URL, dates: DateDeclarations = DateDeclarations()) {
        self.projectFolder = projectFolder
        self.dates = dates
    }

    /// Reads every data file of the folder: the tables, how each file was read, the
    /// files left alone.
    ///
    /// Problems: a name that is not `[a-z_][a-z0-9_]*` (`invalid-table-name`), one name
    /// given by two files (`duplicate-table`, at the second file; the first is kept), a
    /// link that leads out of the project folder (`path-outside-project`), a file that is
    /// not a data table (`ignored-data-file`, a warning), and whatever a file holds (see
    /// ``TableLoader``). Hidden files (`.…`), office lock files (`~…`) and folders are
    /// left alone without a word.
    public func read() -> DataReading {
        var reading = DataReading()
        var diagnostics = DiagnosticList()
        readFolder(into: &reading, &diagnostics)
        reading.diagnostics = diagnostics.all
        return reading
    }

    private func readFolder(into reading: inout DataReading, _ diagnostics: inout DiagnosticList) {
        let folderURL = projectFolder.appendingPathComponent(Self.folder, isDirectory: true)
        let names: [String]
        switch FolderListing.names(atPath: folderURL.path, as: Self.folder) {
        case .success(nil): return
        case .success(let listed?): names = listed
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
            return
        }
        guard ProjectPaths.escapingLink(folderURL, projectRoot: projectFolder, file: Self.folder) == nil else {
            diagnostics.error(
                .pathOutsideProject,
                "this folder is a link that leads outside the project folder: move the data "
                    + "files into the project", at: SourceLocation(file: Self.folder))
            return
        }

        var fileOfTable: [String: String] = [:]
        for fileName in names.sorted() {
            let url = folderURL.appendingPathComponent(fileName)
            guard !fileName.hasPrefix("."), !fileName.hasPrefix("~"), !isFolder(url) else { continue }
            let file = Self.folder + "/" + fileName
            let location = SourceLocation(file: file)
            guard let format = TableFormat(fileExtension: url.pathExtension) else {
                ignore(file, IgnoredDataFile.advice(forExtension: url.pathExtension), into: &reading, &diagnostics)
                continue
            }
            let name = url.deletingPathExtension().lastPathComponent

            guard ProjectPaths.escapingLink(url, projectRoot: projectFolder, file: file) == nil else {
                diagnostics.error(
                    .pathOutsideProject,
                    "this file is a link that leads outside the project folder: copy the "
                        + "file itself into \(Self.folder)", at: location)
                continue
            }
            guard Self.isValidTableName(name) else {
                diagnostics.error(
                    .invalidTableName,
                    "'\(name)' is not a valid table name: name data files with lowercase "
                        + "letters a-z, digits and '_', not starting with a digit "
                        + "(such as mentions_medias.csv)", at: location)
                continue
            }
            if !format.isWorkbook, let other = fileOfTable[name] {
                diagnostics.error(
                    .duplicateTable,
                    "the table '\(name)' is also defined by \(other): keep only one of the two files", at: location)
                continue
            }

            let loaded = SourceText.readBytes(url, as: file).flatMap {
                TableLoader.loadFile($0, format: format, name: name, file: file, dates: dates)
            }
            switch loaded {
            case .success(.notATable(let advice)):
                ignore(file, advice, into: &reading, &diagnostics)
            case .success(.tables(let tables, var fileReading, let problems)):
                diagnostics.append(contentsOf: problems)
                if problems.contains(where: { $0.severity == .error }) {
                    // Its errors are reported; the figures that read it are not, a second time.
                    for table in tables { reading.unreadable.insert(table.name) }
                    fileReading.failed = true
                    fileReading.tables = []
                    reading.files.append(fileReading)
                    continue
                }
                fileReading.tables = []
                for table in tables {
                    if let other = fileOfTable[table.name] {
                        diagnostics.error(
                            .duplicateTable,
                            "the table '\(table.name)' is also defined by \(other): keep only one of the "
                                + "two files", at: location)
                        continue
                    }
                    fileOfTable[table.name] = file
                    reading.tables[table.name] = table
                    fileReading.tables.append(table.name)
                }
                reading.files.append(fileReading)
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
                if fileOfTable[name] == nil { fileOfTable[name] = file }
                reading.unreadable.insert(name)
                var failed = DataFileReading(file: file, format: format)
                failed.failed = true
                reading.files.append(failed)
            }
        }
    }

    /// Records a file left alone, with its `ignored-data-file` warning.
    private func ignore(
        _ file: String, _ advice: String, into reading: inout DataReading, _ diagnostics: inout DiagnosticList
    ) {
        reading.ignored.append(IgnoredDataFile(file: file, advice: advice))
        diagnostics.warning(
            .ignoredDataFile, "this file is not read as data: \(advice)", at: SourceLocation(file: file))
    }

    /// Whether `name` matches `[a-z_][a-z0-9_]*`.
    package static func isValidTableName(_ name: String) -> Bool {
        guard let first = name.utf8.first, first == UInt8(ascii: "_") || isLowercaseLetter(first)
        else { return false }
        return name.utf8.allSatisfy {
            $0 == UInt8(ascii: "_") || isLowercaseLetter($0) || ASCIIByte.isDigit($0)
        }
    }

    private static func isLowercaseLetter(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")
    }

    private func isFolder(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
            && isDirectory.boolValue
    }
}
