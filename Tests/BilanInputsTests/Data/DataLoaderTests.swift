import Foundation
import Testing

@testable import BilanBase
@testable import BilanInputs

@Suite struct DataLoaderTests {
    @Test func loadsEveryTableByName() throws {
        let project = try DataProjectFolder([
            "content/data/membres.csv": "type,nombre\nindividuelle,120\n",
            "content/data/formations.json": #"[{"titre": "Droits", "participantes": 14}]"#,
            "content/data/_brouillon.csv": "a\n1\n",
            "content/data/notes.CSV": "a\n1\n",
        ])
        defer { project.remove() }
        let (tables, problems, _) = project.load()
        #expect(problems.isEmpty)
        #expect(tables.keys.sorted() == ["_brouillon", "formations", "membres", "notes"])
        #expect(tables["membres"]?.file == "content/data/membres.csv")
        #expect(tables["membres"]?.rows == [[.text("individuelle"), .number(120)]])
        #expect(tables["formations"]?.file == "content/data/formations.json")
        #expect(tables["formations"]?.rows == [[.text("Droits"), .number(14)]])
    }

    @Test func warnsOfFilesThatAreNotDataAndLeavesHiddenOnesAlone() throws {
        let project = try DataProjectFolder([
            "content/data/membres.csv": "a\n1\n",
            "content/data/.membres.csv": "not, a table\n\"",
            "content/data/~$membres.csv": "locked",
            "content/data/LISEZMOI.md": "# Notes",
            "content/data/membres.csv~": "backup",
            "content/data/archives.csv/vieux.csv": "a\n1\n",
        ])
        defer { project.remove() }
        let (tables, problems, _) = project.load()
        #expect(
            problems == [
                "content/data/LISEZMOI.md [ignored-data-file]", "content/data/membres.csv~ [ignored-data-file]",
            ])
        #expect(tables.keys.sorted() == ["membres"])
    }

    @Test func hasNoTablesWithoutADataFolder() throws {
        let project = try DataProjectFolder(["content/report.yaml": "organization: CLES\n"])
        defer { project.remove() }
        let (tables, problems, _) = project.load()
        #expect(tables.isEmpty)
        #expect(problems.isEmpty)
    }

    @Test func refusesInvalidTableNames() throws {
        let project = try DataProjectFolder([
            "content/data/Membres.csv": "a\n1\n",
            "content/data/2023.csv": "a\n1\n",
            "content/data/mentions-medias.json": "[]",
            "content/data/frequentation.csv": "a\n1\n",
        ])
        defer { project.remove() }
        let (tables, problems, _) = project.load()
        #expect(tables.keys.sorted() == ["frequentation"])
        #expect(
            problems == [
                "content/data/2023.csv [invalid-table-name]",
                "content/data/Membres.csv [invalid-table-name]",
                "content/data/mentions-medias.json [invalid-table-name]",
            ])
    }

    @Test func refusesATableInTwoFormats() throws {
        let project = try DataProjectFolder([
            "content/data/fonds.csv": "montant\n100\n",
            "content/data/fonds.json": #"[{"montant": 200}]"#,
        ])
        defer { project.remove() }
        let (tables, problems, _) = project.load()
        #expect(problems == ["content/data/fonds.json [duplicate-table]"])
        #expect(tables["fonds"]?.file == "content/data/fonds.csv")
    }

    @Test func reportsFileProblemsWithProjectPaths() throws {
        let project = try DataProjectFolder([
            "content/data/bon.csv": "a\n1\n",
            "content/data/casse.csv": "a,b\n1,2\n3\n",
            "content/data/vide.json": "[{\"a\": [1]}]",
        ])
        defer { project.remove() }
        let (tables, problems, _) = project.load()
        #expect(tables.keys.sorted() == ["bon"])
        #expect(
            problems == [
                "content/data/casse.csv:3:1 [csv-ragged-row]",
                "content/data/vide.json:1:8 [json-shape]",
            ])
    }

    @Test func followsLinksInsideTheProjectOnly() throws {
        let outside = try DataProjectFolder(["partage/dons.csv": "montant\n5\n"])
        defer { outside.remove() }
        let project = try DataProjectFolder(["sources/membres.csv": "nombre\n3\n"])
        defer { project.remove() }
        try project.link("content/data/membres.csv", to: "../../sources/membres.csv")
        try project.link(
            "content/data/dons.csv",
            to: outside.root.appendingPathComponent("partage/dons.csv").path)
        let (tables, problems, _) = project.load()
        #expect(tables.keys.sorted() == ["membres"])
        #expect(problems == ["content/data/dons.csv [path-outside-project]"])
    }

    @Test func refusesADataFolderLinkedOutsideTheProject() throws {
        let outside = try DataProjectFolder(["partage/dons.csv": "montant\n5\n"])
        defer { outside.remove() }
        let project = try DataProjectFolder(["content/report.yaml": ""])
        defer { project.remove() }
        try project.link("content/data", to: outside.root.appendingPathComponent("partage").path)
        let (tables, problems, _) = project.load()
        #expect(tables.isEmpty)
        #expect(problems == ["content/data [path-outside-project]"])
    }

    @Test func namesTheTablesWhoseFileCouldNotBeRead() throws {
        let project = try DataProjectFolder([
            "content/data/membres.csv": "nombre\n3\n",
            "content/data/dons.csv": "montant\n\"5\n",
        ])
        defer { project.remove() }
        let (tables, problems, unreadable) = project.load()
        #expect(tables.keys.sorted() == ["membres"])
        #expect(problems == ["content/data/dons.csv:2:1 [csv-syntax]"])
        #expect(unreadable == ["dons"])
    }

    @Test func validatesTableNames() {
        for name in ["a", "_", "mentions_medias", "t2023", "_x1"] {
            #expect(DataLoader.isValidTableName(name))
        }
        for name in ["", "1a", "A", "mentionsMedias", "mentions-medias", "é", "a b", "a.b"] {
            #expect(!DataLoader.isValidTableName(name))
        }
    }
}
