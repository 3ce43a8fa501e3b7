#!/usr/bin/env python3
"""Writes two bilan projects with the same rows: one as an .xlsx workbook, one as CSV.

Usage: make_workbook.py ROWS OUT   (10 columns: a text label, a date, 8 numbers)

The workbook is written with the standard library only (zipfile): shared strings, a
date style, numbers; as Excel lays an .xlsx out. bench/workbook times reading both.
"""
import datetime
import os
import random
import sys
import zipfile

rows = int(sys.argv[1])
out = sys.argv[2]
rng = random.Random(20261202)
labels = ["Dons", "Subventions", "Cotisations", "Activités", "Ventes"]
header = ["categorie", "date"] + [f"mesure_{i}" for i in range(1, 9)]
data = []
start = datetime.date(2024, 4, 1)
for r in range(rows):
    day = start + datetime.timedelta(days=r % 365)
    data.append([labels[r % len(labels)], day] + [round(rng.uniform(0, 10000), 2) for _ in range(8)])


def column(index):
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def serial(day):
    return (day - datetime.date(1899, 12, 30)).days


strings = header + labels
index = {text: i for i, text in enumerate(strings)}
sheet = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
         '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
cells = "".join(f'<c r="{column(c)}1" t="s"><v>{index[name]}</v></c>' for c, name in enumerate(header))
sheet.append(f'<row r="1">{cells}</row>')
for r, values in enumerate(data, start=2):
    cells = [f'<c r="A{r}" t="s"><v>{index[values[0]]}</v></c>', f'<c r="B{r}" s="1"><v>{serial(values[1])}</v></c>']
    cells += [f'<c r="{column(c)}{r}"><v>{v}</v></c>' for c, v in enumerate(values[2:], start=2)]
    sheet.append(f'<row r="{r}">{"".join(cells)}</row>')
sheet.append("</sheetData></worksheet>")
shared = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
          f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(strings)}" '
          f'uniqueCount="{len(strings)}">']
shared += [f"<si><t>{text}</t></si>" for text in strings] + ["</sst>"]
main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
relations = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
package = "http://schemas.openxmlformats.org/package/2006/relationships"
parts = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
    "_rels/.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package}"><Relationship Id="rId1" '
    f'Type="{relations}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" xmlns:r="{relations}">'
    '<sheets><sheet name="Données" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package}">'
    f'<Relationship Id="rId1" Type="{relations}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{relations}/sharedStrings" Target="sharedStrings.xml"/>'
    f'<Relationship Id="rId3" Type="{relations}/styles" Target="styles.xml"/></Relationships>',
    "xl/styles.xml": f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{main}"><cellXfs count="2">'
    '<xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>',
    "xl/sharedStrings.xml": "".join(shared),
    "xl/worksheets/sheet1.xml": "".join(sheet),
}
report = """organization: Bench
period: 2024-2025
languages:
  fr: { locale: fr-CA, title: "Banc d'essai" }
"""
for kind in ("xlsx", "csv"):
    os.makedirs(os.path.join(out, kind, "content", "data"), exist_ok=True)
    with open(os.path.join(out, kind, "content", "report.yaml"), "w", encoding="utf-8") as f:
        f.write(report)
with zipfile.ZipFile(os.path.join(out, "xlsx", "content", "data", "mesures.xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
    for name, text in parts.items():
        z.writestr(zipfile.ZipInfo(name, (2024, 4, 1, 0, 0, 0)), text.encode("utf-8"))
with open(os.path.join(out, "csv", "content", "data", "mesures.csv"), "w", encoding="utf-8") as f:
    f.write(",".join(header) + "\n")
    for values in data:
        f.write(",".join([values[0], values[1].isoformat()] + [str(v) for v in values[2:]]) + "\n")
