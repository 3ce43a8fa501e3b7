public import Foundation
import BilanBase
package import BilanInputs

/// Project files as `data:` URIs, for the single-file variant: read only from inside
/// the project (a symbolic link that leads out is refused).
public struct AssetInliner: Sendable {
    public var projectRoot: URL
    /// Where the single file takes its photos' resized copies from; without it, a photo
    /// has no copy to show.
    package var photoCopies: PhotoCopies?

    public init(projectRoot: URL) {
        self.projectRoot = projectRoot
    }

    package init(projectRoot: URL, photoCopies: PhotoCopies?) {
        self.projectRoot = projectRoot
        self.photoCopies = photoCopies
    }

    /// The bytes of a project file (a path relative to the project); nil when it cannot
    /// be read or leads out of the project.
    package func bytes(ofProjectFile path: String) -> [UInt8]? {
        let url = projectRoot.appendingPathComponent(path)
        guard ProjectPaths.escapingLink(url, projectRoot: projectRoot, file: path) == nil else { return nil }
        return try? SourceText.readBytes(url, as: path).get()
    }

    /// A project file as a `data:` URI, typed by its name; nil when it cannot be read.
    package func dataURI(ofProjectFile path: String) -> String? {
        bytes(ofProjectFile: path).map { Self.dataURI($0, path: path) }
    }

    /// Bytes as a `data:` URI, typed by the name of the file they come from.
    package static func dataURI(_ bytes: [UInt8], path: String) -> String {
        let type = MediaTypes.type(ofPath: path).replacingOccurrences(of: " ", with: "")
        return "data:\(type);base64," + Data(bytes).base64EncodedString()
    }
}
