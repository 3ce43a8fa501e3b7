#!/usr/bin/env python3
"""Reads a Word document as Word would, through python-docx, and prints what bilan's
tests compare, as JSON: each heading (its style's name and text, in order), each table's
rows of cell texts, and the text of every paragraph and cell.

Usage: read_docx.py FILE.docx
"""
import json
import sys

import docx


def main(path):
    document = docx.Document(path)
    headings = []
    texts = []
    for paragraph in document.paragraphs:
        name = paragraph.style.name if paragraph.style is not None else ""
        if name == "Title" or name.startswith("Heading"):
            headings.append([name, paragraph.text])
        texts.append(paragraph.text)
    tables = []
    for table in document.tables:
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        tables.append(rows)
        for row in rows:
            texts.extend(row)
    core = document.core_properties
    json.dump(
        {
            "headings": headings,
            "tables": tables,
            "text": "\n".join(texts),
            "core": {"title": core.title, "author": core.author, "language": core.language},
        },
        sys.stdout,
        ensure_ascii=False,
    )


if __name__ == "__main__":
    main(sys.argv[1])
