import Foundation
import BilanBase

/// The data stage: reads every table of a project's `content/data/` folder.
///
/// Each `NAME.csv` or `NAME.json` there is the table `NAME` (see ``TableLoader``).
/// Files are read in name order; hidden files (`.…`), office lock files (`~…`), folders
/// and files of other kinds are left alone; no `content/data/` folder means no tables.
public struct DataLoader: Sendable {
    /// The folder data paths are relative to.
    package static let folder = "content/data"

    /// The project folder, which holds `content/`.
    public var projectFolder: URL

    public init(projectFolder: URL) {
        self.projectFolder = projectFolder
    }

    /// The project's tables by name, with each problem appended to `diagnostics` and the
    /// table it concerns left out.
    ///
    /// Problems: a name that is not `[a-z_][a-z0-9_]*` (`invalid-table-name`), one name
    /// as both `.csv` and `.json` (`duplicate-table`, at the second file; the first is
    /// kept), a link that leads out of the project folder (`path-outside-project`), and
    /// whatever the file holds (see ``TableLoader``).
    /// Names whose file exists but could not be read go into `unreadable` (their errors
    /// are in `diagnostics` already), so later stages need not report them again.
    public func loadTables(into diagnostics: inout DiagnosticList, unreadable: inout Set<String>) -> [String: DataTable] {
        let folderURL = projectFolder.appendingPathComponent(Self.folder, isDirectory: true)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folderURL.path, isDirectory: &isDirectory),
            isDirectory.boolValue
        else { return [:] }
        guard ProjectPaths.escapingLink(folderURL, projectRoot: projectFolder, file: Self.folder) == nil else {
            diagnostics.error(
                .pathOutsideProject,
                "this folder is a link that leads outside the project folder: move the data "
                    + "files into the project", at: SourceLocation(file: Self.folder))
            return [:]
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folderURL.path)
        else {
            diagnostics.error(
                .unreadableFile, "cannot list this folder", at: SourceLocation(file: Self.folder))
            return [:]
        }

        var tables: [String: DataTable] = [:]
        var fileOfTable: [String: String] = [:]
        for fileName in names.sorted() {
            let url = folderURL.appendingPathComponent(fileName)
            guard !fileName.hasPrefix("."), !fileName.hasPrefix("~"),
                let format = TableFormat(fileExtension: url.pathExtension),
                !isFolder(url)
            else { continue }
            let file = Self.folder + "/" + fileName
            let location = SourceLocation(file: file)
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
            if let other = fileOfTable[name] {
                diagnostics.error(
                    .duplicateTable,
                    "the table '\(name)' is also defined by \(other): keep only one of the "
                        + "two files", at: location)
                continue
            }
            fileOfTable[name] = file

            let loaded = SourceText.readBytes(url, as: file).flatMap {
                TableLoader.load($0, format: format, name: name, file: file)
            }
            switch loaded {
            case .success(let table): tables[name] = table
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
                unreadable.insert(name)
            }
        }
        return tables
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
