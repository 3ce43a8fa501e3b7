/// The fixed parts of bilan's Word documents: Word's built-in styles under their own ids
/// and names (so that the navigation pane, the outline and "Update table" know them), the
/// list numbering, the settings, the content types.
package enum WordStyles {
    /// The width of the text on the page, in twentieths of a point (6.5 in).
    package static let textWidth = 9360
    /// The `w:numId` of every bullet list.
    package static let bulletNumbering = "1"

    /// The namespaces of `word/document.xml`.
    package static let documentNamespaces =
        "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
        + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
        + "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
        + "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
        + "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\" "
        + "xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\""

    /// `word/styles.xml`, its defaults in `language` (`fr-CA`).
    package static func styles(language: String) -> String {
        func paragraph(
            _ id: String, _ name: String, basedOn: String? = "Normal", next: String? = nil, outline: Int? = nil,
            paragraph: String = "", run: String = "", extra: String = ""
        ) -> String {
            var xml = "<w:style w:type=\"paragraph\" w:styleId=\"\(id)\"><w:name w:val=\"\(name)\"/>"
            if let basedOn { xml += "<w:basedOn w:val=\"\(basedOn)\"/>" }
            if let next { xml += "<w:next w:val=\"\(next)\"/>" }
            xml += extra
            let outlineLevel = outline.map { "<w:outlineLvl w:val=\"\($0)\"/>" } ?? ""
            if !paragraph.isEmpty || !outlineLevel.isEmpty { xml += "<w:pPr>\(paragraph)\(outlineLevel)</w:pPr>" }
            if !run.isEmpty { xml += "<w:rPr>\(run)</w:rPr>" }
            return xml + "</w:style>"
        }
        var xml =
            WordXML.declaration
            + "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
            + "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Calibri\" w:hAnsi=\"Calibri\" "
            + "w:eastAsia=\"Calibri\" w:cs=\"Calibri\"/><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/>"
            + "<w:lang w:val=\"\(language)\" w:eastAsia=\"\(language)\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>"
            + "<w:pPrDefault><w:pPr><w:spacing w:after=\"160\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr>"
            + "</w:pPrDefault></w:docDefaults>"
        xml +=
            "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
            + "<w:qFormat/></w:style>"
        xml += paragraph(
            "Title", "Title", next: "Normal", paragraph: "<w:spacing w:after=\"120\"/>",
            run: "<w:b/><w:color w:val=\"1F3864\"/><w:sz w:val=\"52\"/><w:szCs w:val=\"52\"/>", extra: "<w:qFormat/>")
        xml += paragraph(
            "Subtitle", "Subtitle", next: "Normal",
            run: "<w:color w:val=\"404040\"/><w:sz w:val=\"30\"/><w:szCs w:val=\"30\"/>",
            extra: "<w:qFormat/>")
        let headingSizes = [36, 30, 26, 24, 22, 22, 22, 22, 22]
        for level in 1...9 {
            let size = headingSizes[level - 1]
            xml += paragraph(
                "Heading\(level)", "heading \(level)", next: "Normal", outline: level - 1,
                paragraph:
                    "<w:keepNext/><w:keepLines/><w:spacing w:before=\"\(level == 1 ? 360 : 240)\" w:after=\"80\"/>",
                run: "<w:b/><w:color w:val=\"1F3864\"/><w:sz w:val=\"\(size)\"/><w:szCs w:val=\"\(size)\"/>",
                extra: "<w:uiPriority w:val=\"9\"/><w:qFormat/>")
        }
        xml += paragraph(
            "TOCHeading", "TOC Heading", basedOn: "Heading1", next: "Normal", outline: 9,
            extra: "<w:uiPriority w:val=\"39\"/>")
        for level in 1...3 {
            xml += paragraph(
                "TOC\(level)", "toc \(level)", next: "Normal",
                paragraph: "<w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"\(textWidth)\"/></w:tabs>"
                    + "<w:spacing w:after=\"60\"/><w:ind w:left=\"\((level - 1) * 220)\"/>",
                extra: "<w:uiPriority w:val=\"39\"/>")
        }
        xml += paragraph(
            "ListBullet", "List Bullet",
            paragraph: "<w:numPr><w:numId w:val=\"\(bulletNumbering)\"/></w:numPr>"
                + "<w:spacing w:after=\"60\"/>")
        xml += paragraph("ListNumber", "List Number", paragraph: "<w:spacing w:after=\"60\"/>")
        xml += paragraph(
            "ListContinue", "List Continue", paragraph: "<w:spacing w:after=\"60\"/><w:ind w:left=\"360\"/>")
        xml += paragraph(
            "Quote", "Quote", next: "Normal", paragraph: "<w:ind w:left=\"720\" w:right=\"720\"/>",
            run: "<w:i/><w:color w:val=\"404040\"/>", extra: "<w:uiPriority w:val=\"29\"/><w:qFormat/>")
        xml += paragraph(
            "Caption", "caption", next: "Normal",
            paragraph: "<w:keepNext/><w:spacing w:before=\"120\" w:after=\"80\"/>",
            run: "<w:b/><w:color w:val=\"1F3864\"/>", extra: "<w:uiPriority w:val=\"35\"/><w:qFormat/>")
        xml += paragraph(
            "HTMLPreformatted", "HTML Preformatted",
            paragraph:
                "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"F2F2F2\"/>"
                + "<w:spacing w:after=\"160\" w:line=\"240\" w:lineRule=\"auto\"/>",
            run: "<w:rFonts w:ascii=\"Courier New\" w:hAnsi=\"Courier New\" w:cs=\"Courier New\"/><w:sz w:val=\"20\"/>")
        xml += paragraph(
            "KeyFigure", "Key Figure", paragraph: "<w:spacing w:after=\"80\"/><w:ind w:left=\"360\"/>",
            extra: "<w:qFormat/>")
        xml += paragraph(
            "DraftBanner", "Draft Banner", next: "Normal",
            paragraph: "<w:pBdr><w:top w:val=\"single\" w:sz=\"8\" w:space=\"4\" w:color=\"A63F00\"/>"
                + "<w:bottom w:val=\"single\" w:sz=\"8\" w:space=\"4\" w:color=\"A63F00\"/></w:pBdr>",
            run: "<w:b/><w:caps/><w:color w:val=\"A63F00\"/>")
        xml +=
            "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">"
            + "<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/></w:style>"
        xml +=
            "<w:style w:type=\"character\" w:styleId=\"Hyperlink\"><w:name w:val=\"Hyperlink\"/>"
            + "<w:basedOn w:val=\"DefaultParagraphFont\"/><w:rPr><w:color w:val=\"0563C1\"/>"
            + "<w:u w:val=\"single\"/></w:rPr></w:style>"
        xml +=
            "<w:style w:type=\"character\" w:styleId=\"HTMLCode\"><w:name w:val=\"HTML Code\"/>"
            + "<w:basedOn w:val=\"DefaultParagraphFont\"/><w:rPr>"
            + "<w:rFonts w:ascii=\"Courier New\" w:hAnsi=\"Courier New\" w:cs=\"Courier New\"/>"
            + "<w:sz w:val=\"20\"/></w:rPr></w:style>"
        xml +=
            "<w:style w:type=\"character\" w:styleId=\"KeyFigureValue\"><w:name w:val=\"Key Figure Value\"/>"
            + "<w:basedOn w:val=\"DefaultParagraphFont\"/><w:rPr><w:b/><w:color w:val=\"0072B2\"/>"
            + "<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr></w:style>"
        xml +=
            "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">"
            + "<w:name w:val=\"Normal Table\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/><w:tblPr>"
            + "<w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>"
            + "<w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/>"
            + "<w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
        xml +=
            "<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/>"
            + "<w:basedOn w:val=\"TableNormal\"/><w:uiPriority w:val=\"39\"/><w:pPr>"
            + "<w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:tblPr><w:tblBorders>"
            + "<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
            + "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
            + "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
            + "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
            + "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
            + "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/></w:tblBorders>"
            + "</w:tblPr></w:style>"
        return xml + "</w:styles>"
    }

    /// `word/numbering.xml`: bullets (`w:numId` 1), and one numbering per ordered list,
    /// restarted at its first number (`starts`, numIds from 2).
    package static func numbering(starts: [Int]) -> String {
        func levels(ordered: Bool) -> String {
            let bullets = ["\u{2022}", "\u{25E6}", "\u{25AA}"]
            return (0..<9).map { level in
                let indent = 720 + 360 * level
                let format =
                    ordered
                    ? "<w:numFmt w:val=\"\(["decimal", "lowerLetter", "lowerRoman"][level % 3])\"/>"
                        + "<w:lvlText w:val=\"%\(level + 1).\"/>"
                    : "<w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\(bullets[level % 3])\"/>"
                return
                    "<w:lvl w:ilvl=\"\(level)\"><w:start w:val=\"1\"/>\(format)<w:lvlJc w:val=\"left\"/>"
                    + "<w:pPr><w:ind w:left=\"\(indent)\" w:hanging=\"360\"/></w:pPr></w:lvl>"
            }.joined()
        }
        var xml =
            WordXML.declaration
            + "<w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
            + "<w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"hybridMultilevel\"/>"
            + levels(ordered: false) + "</w:abstractNum>"
            + "<w:abstractNum w:abstractNumId=\"1\"><w:multiLevelType w:val=\"hybridMultilevel\"/>"
            + levels(ordered: true) + "</w:abstractNum>"
            + "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
        for (index, start) in starts.enumerated() {
            xml +=
                "<w:num w:numId=\"\(index + 2)\"><w:abstractNumId w:val=\"1\"/>"
                + "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"\(start)\"/></w:lvlOverride></w:num>"
        }
        return xml + "</w:numbering>"
    }

    /// `word/settings.xml`.
    package static func settings(language: String) -> String {
        WordXML.declaration
            + "<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
            + "<w:defaultTabStop w:val=\"720\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>"
            + "<w:compat>"
            + "<w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" "
            + "w:val=\"15\"/></w:compat><w:themeFontLang w:val=\"\(language)\"/></w:settings>"
    }

    /// `[Content_Types].xml`, for the document's charts and pictures' extensions.
    package static func contentTypes(charts: Int, pictureTypes: [(extension: String, mediaType: String)]) -> String {
        var xml =
            WordXML.declaration
            + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        for type in pictureTypes {
            xml += "<Default Extension=\"\(type.extension)\" ContentType=\"\(type.mediaType)\"/>"
        }
        let overrides: [(String, String)] =
            [
                (
                    "/word/document.xml",
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
                ),
                ("/word/styles.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"),
                ("/word/numbering.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"),
                ("/word/settings.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"),
                ("/word/footer1.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"),
                ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
                ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
            ]
            + (0..<charts).map {
                ("/word/charts/chart\($0 + 1).xml", "application/vnd.openxmlformats-officedocument.drawingml.chart+xml")
            }
        for (part, type) in overrides { xml += "<Override PartName=\"\(part)\" ContentType=\"\(type)\"/>" }
        return xml + "</Types>"
    }

    /// A relationships part.
    package static func relationships(_ entries: [(id: String, type: String, target: String, external: Bool)]) -> String
    {
        var xml =
            WordXML.declaration
            + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for entry in entries {
            xml +=
                "<Relationship Id=\"\(entry.id)\" Type=\"\(entry.type)\" Target=\"\(WordXML.escape(entry.target))\""
                + (entry.external ? " TargetMode=\"External\"" : "") + "/>"
        }
        return xml + "</Relationships>"
    }

    package static let officeRelationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
}
