#!/usr/bin/env python3
"""Regenerates every workbook fixture in this folder.

Usage (from the package root):
    python3 -m venv .venv && .venv/bin/pip install openpyxl==3.1.5
    apt-get install -y libreoffice-calc-nogui
    .venv/bin/python Tests/Fixtures/workbooks/make_fixtures.py            # fixtures
    .venv/bin/python Tests/Fixtures/workbooks/make_fixtures.py --bench    # also .build-bench/bench-100k.{xlsx,ods,csv}
    .venv/bin/python Tests/Fixtures/workbooks/make_fixtures.py --projects # only the fixture projects' workbooks

Real-tool fixtures come from openpyxl and from LibreOffice headless converting them;
hand-made and hostile fixtures are written byte by byte with zipfile so that each
oddity is exactly what the tests expect.
"""
import datetime
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile

import openpyxl
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Font
from openpyxl.utils.datetime import CALENDAR_MAC_1904

HERE = os.path.dirname(os.path.abspath(__file__))


def path(name):
    return os.path.join(HERE, name)


# --------------------------------------------------------------------------- real tools

def make_openpyxl_report():
    """Two visible sheets and a hidden one, with every kind of value bilan reads."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Revenus 2024"
    ws.append(["Source", "Montant", "Part", "Reçu le", "Confirmé"])
    ws.append(["Dons", 1234.5, 0.125, datetime.date(2024, 4, 1), True])
    ws.append([None, 0.1 + 0.2, 0.5, datetime.date(2024, 12, 31), False])
    ws.append([None, 250, 1, datetime.datetime(2024, 6, 15, 10, 30), True])
    ws.append(["Subventions", 25000, 0.25, datetime.date(1900, 3, 1), None])
    ws.append(["Total", "=SUM(B2:B5)", "=B2/0", "=D2+1", "=AND(E2,E4)"])
    ws.merge_cells("A2:A4")
    for row in range(2, 6):
        ws.cell(row, 2).number_format = '#,##0.00\\ [$$-C0C]'   # 1 234,50 $ in fr-CA
        ws.cell(row, 3).number_format = "0.0%"                   # 12,5 %
        ws.cell(row, 4).number_format = "yyyy-mm-dd"
    ws["D3"].number_format = "mm-dd-yy"                          # built-in 14
    ws["D4"].number_format = "[$-fr-CA]d mmmm yyyy h:mm"
    ws["B6"].number_format = '#,##0.00\\ [$$-C0C]'
    ws["D6"].number_format = "yyyy-mm-dd"
    ws["A8"] = "Note"
    ws["B8"] = CellRichText(["Très ", TextBlock(InlineFont(b=True), "important"), " !"])
    ws["C8"] = datetime.time(10, 30)
    ws["C8"].number_format = "hh:mm"                              # time only: stays a number
    ws["D8"] = "#DIV/0!"
    ws["D8"].data_type = "e"
    ws["A20"].font = Font(bold=True)                              # styled, empty: trailing
    ws2 = wb.create_sheet("Activités")
    ws2.append(["Activité", "Participants", "Heures"])
    ws2.append(["Atelier d'écriture", 12, 1.5])
    ws2.append(["Sortie au musée", 30, 4])
    ws2.append([])
    ws2.append(["Total", "=SUM(B2:B3)", "=SUM(C2:C3)"])
    ws3 = wb.create_sheet("Notes internes")
    ws3.sheet_state = "hidden"
    ws3["A1"] = "confidentiel"
    wb.save(path("openpyxl-report.xlsx"))


def make_openpyxl_1904():
    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "Dates 1904"
    ws.append(["Date", "Serial"])
    for d in [datetime.date(2024, 4, 1), datetime.date(1904, 1, 1), datetime.date(1904, 1, 2)]:
        ws.append([d, None])
    for row in range(2, 5):
        ws.cell(row, 1).number_format = "d/m/yyyy"
    wb.save(path("openpyxl-1904.xlsx"))


def soffice_convert(source, target_ext, target_name):
    out = tempfile.mkdtemp()
    subprocess.run(["soffice", "--headless", "--calc", "--convert-to", target_ext, "--outdir", out, source],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    produced = os.path.join(out, os.path.splitext(os.path.basename(source))[0] + "." + target_ext)
    shutil.move(produced, path(target_name))
    shutil.rmtree(out)


# --------------------------------------------------------------------------- hand-made

CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="xml" ContentType="application/xml"/></Types>')
ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8"?>'
             '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
             'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def workbook_xml(sheets, date1904=None):
    pr = f'<workbookPr date1904="{date1904}"/>' if date1904 else ""
    body = "".join(f'<sheet name="{n}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i, n in enumerate(sheets))
    return f'<?xml version="1.0"?><workbook {NS} {RNS}>{pr}<sheets>{body}</sheets></workbook>'


def rels_xml(targets):
    body = "".join(f'<Relationship Id="{rid}" Type="{REL}{kind}" Target="{t}"/>' for rid, kind, t in targets)
    return ('<?xml version="1.0"?><Relationships '
            f'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{body}</Relationships>')


def write_zip(name, parts, compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path(name), "w", compression, compresslevel=9) as z:
        for part_name, data in parts:
            z.writestr(part_name, data)


def make_handmade_edges():
    """Cases that real tools write rarely but legally: every oddity the reader must handle."""
    styles = (f'<?xml version="1.0"?><styleSheet {NS}><numFmts count="6">'
              '<numFmt numFmtId="164" formatCode="[$-409]mmmm\\ d\\,\\ yyyy;@"/>'
              '<numFmt numFmtId="165" formatCode="&quot;day&quot;\\ 0.00"/>'
              '<numFmt numFmtId="166" formatCode="[Red][&gt;100]0;[Blue]0"/>'
              '<numFmt numFmtId="167" formatCode="[h]:mm:ss"/>'
              '<numFmt numFmtId="168" formatCode="\\d\\y 0"/>'
              '<numFmt numFmtId="169" formatCode="mm:ss.0"/>'
              '</numFmts><cellXfs count="9">'
              '<xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/>'
              '<xf numFmtId="166"/><xf numFmtId="167"/><xf numFmtId="168"/><xf numFmtId="169"/>'
              '<xf numFmtId="20"/></cellXfs></styleSheet>')
    shared = (f'<?xml version="1.0"?><sst {NS} count="4" uniqueCount="4">'
              '<si><t>plain</t></si>'
              '<si><r><rPr><b/></rPr><t xml:space="preserve">rich </t></r><r><t>text</t></r>'
              '<rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si>'
              '<si><t xml:space="preserve">  spaced  </t></si>'
              '<si><t>line_x000D_break &amp; &lt;tag&gt; &#233;&#x1F600;</t></si>'
              '</sst>')
    sheet1 = (f'<?xml version="1.0"?><worksheet {NS}><sheetData>'
              '<row r="1"><c r="A1" t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="s"><v>2</v></c>'
              '<c t="s"><v>3</v></c></row>'
              '<row r="2"><c r="A2"><v>1.0000000000000001E-2</v></c><c r="B2"><v>-0.30000000000000004</v></c>'
              '<c r="C2"><v>123456789012345678</v></c><c r="D2"><v>1E-300</v></c></row>'
              '<row r="3"><c r="A3" s="1"><v>59</v></c><c r="B3" s="1"><v>60</v></c>'
              '<c r="C3" s="1"><v>61</v></c><c r="D3" s="2"><v>45383.75</v></c></row>'
              '<row r="4"><c r="A4" s="3"><v>7</v></c><c r="B4" s="4"><v>150</v></c>'
              '<c r="C4" s="5"><v>1.5</v></c><c r="D4" s="6"><v>3</v></c><c r="E4" s="7"><v>0.01</v></c>'
              '<c r="F4" s="8"><v>0.5</v></c></row>'
              '<row r="5"><c r="A5" t="inlineStr"><is><t>inline</t></is></c>'
              '<c r="B5" t="inlineStr"><is><r><t>in</t></r><r><t>line rich</t></r></is></c>'
              '<c r="C5" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>'
              '<c r="D5" t="b"><v>1</v></c><c r="E5" t="e"><v>#REF!</v></c>'
              '<c r="F5" t="d"><v>2024-04-01T10:00:00</v></c></row>'
              '<row r="6"><c r="A6"><f t="shared" ref="A6:C6" si="0">A2*2</f><v>0.02</v></c>'
              '<c r="B6"><f t="shared" si="0"/></c><c r="C6"><f>SUM(A2:B2)</f></c></row>'
              '<row><c r="B7"><v>7</v></c></row>'
              '<row r="9"><c r="C9"><v>  42  </v></c></row>'
              '</sheetData><mergeCells count="1"><mergeCell ref="B7:C8"/></mergeCells></worksheet>')
    sheet2 = f'<?xml version="1.0"?><worksheet {NS}><sheetData/></worksheet>'
    write_zip("handmade-edges.xlsx", [
        ("[Content_Types].xml", CT),
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", workbook_xml(["Cas limites", "Vide"], date1904=None)),
        ("xl/_rels/workbook.xml.rels", rels_xml([
            ("rId2", "worksheet", "/xl/worksheets/second.xml"),       # absolute target
            ("rId1", "worksheet", "worksheets/../worksheets/first.xml"),  # relative, with ..
            ("rId3", "sharedStrings", "sharedStrings.xml"),
            ("rId4", "styles", "styles.xml"),
        ])),
        ("xl/worksheets/first.xml", sheet1),
        ("xl/worksheets/second.xml", sheet2),
        ("xl/sharedStrings.xml", shared),
        ("xl/styles.xml", styles),
    ])


def minimal_xlsx_parts(sheet_xml, sheet_name="Feuil1"):
    return [
        ("[Content_Types].xml", CT),
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", workbook_xml([sheet_name])),
        ("xl/_rels/workbook.xml.rels", rels_xml([("rId1", "worksheet", "worksheets/sheet1.xml")])),
        ("xl/worksheets/sheet1.xml", sheet_xml),
    ]


FODS_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document '
             'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
             'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
             'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
             'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
             'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
             'xmlns:dc="http://purl.org/dc/elements/1.1/" '
             'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" '
             'office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">')

FODS_BODY = """<office:automatic-styles>
<number:boolean-style style:name="N99"><number:boolean/></number:boolean-style>
<style:style style:name="ce1" style:family="table-cell" style:data-style-name="N99"/>
<style:style style:name="taHidden" style:family="table"><style:table-properties table:display="false"/></style:style>
</office:automatic-styles><office:body><office:spreadsheet>
<table:table table:name="Texte">
<table:table-row>
<table:table-cell office:value-type="boolean" office:boolean-value="true" table:style-name="ce1"><text:p>TRUE</text:p></table:table-cell>
<table:table-cell office:value-type="boolean" office:boolean-value="false" table:style-name="ce1"><text:p>FALSE</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>a<text:s text:c="3"/>b<text:tab/>c<text:line-break/>d</text:p><text:p>second <text:span>paragraph</text:span></text:p></table:table-cell>
<table:table-cell office:value-type="string"><office:annotation><dc:creator>X</dc:creator><text:p>a comment</text:p></office:annotation><text:p>with note</text:p></table:table-cell>
</table:table-row>
<table:table-row>
<table:table-cell table:formula="of:=1/0"/>
<table:table-cell table:formula="of:=NOSUCHFUNCTION(1)"/>
<table:table-cell table:formula="of:=[.A1]+[.B1]"/>
<table:table-cell office:value-type="time" office:time-value="PT36H00M00S"><text:p>36:00</text:p></table:table-cell>
<table:table-cell office:value-type="date" office:date-value="2024-04-01T10:00:00"><text:p>2024-04-01 10:00</text:p></table:table-cell>
</table:table-row>
<table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="2" office:value-type="float" office:value="7"><text:p>7</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell table:number-columns-spanned="2" table:number-rows-spanned="2" office:value-type="string"><text:p>fusion</text:p></table:table-cell><table:covered-table-cell/></table:table-row>
<table:table-row><table:covered-table-cell table:number-columns-repeated="2"/></table:table-row>
</table:table>
<table:table table:name="Cachée" table:style-name="taHidden"><table:table-row><table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row></table:table>
</office:spreadsheet></office:body></office:document>"""


def make_libreoffice_text_ods():
    """A flat ODS written here, opened and saved as .ods by LibreOffice: booleans, text markup, errors."""
    tmp = tempfile.mkdtemp()
    source = os.path.join(tmp, "libreoffice-text.fods")
    with open(source, "w", encoding="utf-8") as f:
        f.write(FODS_HEAD + FODS_BODY)
    soffice_convert(source, "ods", "libreoffice-text.ods")
    shutil.rmtree(tmp)


def make_handmade_ods():
    """What LibreOffice never writes but other producers may: formulas without values, errors without calcext."""
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
               '<table:table table:name="Autre"><table:table-row>'
               '<table:table-cell table:formula="of:=SUM([.B1:.C1])"/>'
               '<table:table-cell table:formula="of:=1/0" office:value-type="string" office:string-value="#DIV/0!">'
               '<text:p>#DIV/0!</text:p></table:table-cell>'
               '<table:table-cell table:formula="of:=X()" office:value-type="string"><text:p>Err:508</text:p>'
               '</table:table-cell>'
               '<table:table-cell office:value-type="string"><text:p>#N/A</text:p></table:table-cell>'
               '<table:table-cell office:value-type="float" office:value="0.30000000000000004"><text:p>0,3</text:p>'
               '</table:table-cell>'
               '</table:table-row><table:table-row>'
               '<table:table-cell office:value-type="time" office:time-value="PT10H30M00S"><text:p>10:30</text:p>'
               '</table:table-cell>'
               '<table:table-cell office:value-type="time" office:time-value="PT36H00M00S"/>'
               '<table:table-cell office:value-type="date" office:date-value="2024-04-01T10:00:00"/>'
               '<table:table-cell office:value-type="string"><text:p>a<text:s text:c="3"/>b<text:tab/>c'
               '<text:line-break/>d<text:s/></text:p><text:p/><text:p>e</text:p></table:table-cell>'
               '</table:table-row>'
               '<table:table-row table:number-rows-repeated="1048570"><table:table-cell '
               'table:number-columns-repeated="16384"/></table:table-row>'
               '</table:table></office:spreadsheet></office:body></office:document-content>')
    write_zip("handmade-edges.ods", [("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
                                     ("content.xml", content)])


# --------------------------------------------------------------------------- hostile

def make_hostile():
    # A sheet that unpacks to 8 MiB from about 8 KiB: tests read it with a 1 MiB part limit.
    padding = "<!--" + "x" * (8 * 1024 * 1024) + "-->"
    bomb = f'<?xml version="1.0"?><worksheet {NS}>{padding}<sheetData/></worksheet>'
    write_zip("hostile-bomb.xlsx", minimal_xlsx_parts(bomb))

    # The same sheet, but the central directory claims it unpacks to 100 bytes.
    write_zip("hostile-lying-size.xlsx", minimal_xlsx_parts(bomb))
    patch_uncompressed_size(path("hostile-lying-size.xlsx"), "xl/worksheets/sheet1.xml", 100)

    # An entry whose path climbs out of the archive, and one with an absolute path.
    parts = minimal_xlsx_parts(f'<worksheet {NS}><sheetData/></worksheet>')
    write_zip("hostile-traversal.xlsx", parts + [("../../evil.sh", "echo pwned")])
    write_zip("hostile-absolute.xlsx", parts + [("/etc/evil", "x")])

    # Elements nested 100,000 deep.
    deep = f'<worksheet {NS}><sheetData><row r="1"><c r="A1"><is>' + "<r>" * 100000 + "</r>" * 100000 + \
        '</is></c></row></sheetData></worksheet>'
    write_zip("hostile-deep.xlsx", minimal_xlsx_parts(deep))

    # 300 tiny entries: tests read it with a 100-entry limit.
    write_zip("hostile-many-entries.xlsx", parts + [(f"junk/{i}.bin", "") for i in range(300)])

    # Six 3 MiB sheets (one workbook of 18 MiB): tests read it with a 10 MiB total limit.
    sheets = [f"S{i}" for i in range(6)]
    filler = f'<worksheet {NS}><!--' + "y" * (3 * 1024 * 1024) + '--><sheetData/></worksheet>'
    write_zip("hostile-total.xlsx", [
        ("[Content_Types].xml", CT), ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", workbook_xml(sheets)),
        ("xl/_rels/workbook.xml.rels", rels_xml([(f"rId{i + 1}", "worksheet", f"worksheets/s{i}.xml")
                                                 for i in range(6)])),
    ] + [(f"xl/worksheets/s{i}.xml", filler) for i in range(6)])

    # One value repeated over a whole ODS sheet: 16,384 × 1,048,576 cells.
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
               '<office:spreadsheet><table:table table:name="Bombe">'
               '<table:table-row table:number-rows-repeated="1048576">'
               '<table:table-cell table:number-columns-repeated="16384" office:value-type="float" '
               'office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>'
               '</table:table></office:spreadsheet></office:body></office:document-content>')
    write_zip("hostile-repeat.ods", [("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
                                     ("content.xml", content)])

    # The first bytes of an OLE compound file, as Excel writes an encrypted workbook or an .xls.
    with open(path("hostile-encrypted.xlsx"), "wb") as f:
        f.write(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504)

    # The central directory points the sheet's local header far past the end of the file
    # (ZIPFoundation 0.9.20's in-memory archive crashes on this; the reader must not).
    write_zip("hostile-bad-offset.xlsx", minimal_xlsx_parts(f'<worksheet {NS}><sheetData/></worksheet>'))
    patch_local_header_offset(path("hostile-bad-offset.xlsx"), "xl/worksheets/sheet1.xml", 0x7FFFFFF0)

    # A zip without a workbook.
    write_zip("hostile-no-workbook.xlsx", [("hello.txt", "not a workbook")])


def patch_local_header_offset(zip_path, member, offset):
    """Rewrites the local-header offset of `member` in the central directory."""
    with open(zip_path, "rb") as f:
        data = bytearray(f.read())
    name = member.encode()
    pos = 0
    while True:
        pos = data.find(b"PK\x01\x02", pos)
        if pos < 0:
            break
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if data[pos + 46:pos + 46 + name_len] == name:
            struct.pack_into("<I", data, pos + 42, offset)
        pos += 4
    with open(zip_path, "wb") as f:
        f.write(data)


def patch_uncompressed_size(zip_path, member, size):
    """Rewrites the uncompressed size of `member` in both its local header and the central directory."""
    with open(zip_path, "rb") as f:
        data = bytearray(f.read())
    name = member.encode()
    # Local file header: signature PK\3\4, uncompressed size at offset 22.
    pos = 0
    while True:
        pos = data.find(b"PK\x03\x04", pos)
        if pos < 0:
            break
        name_len = struct.unpack_from("<H", data, pos + 26)[0]
        if data[pos + 30:pos + 30 + name_len] == name:
            struct.pack_into("<I", data, pos + 22, size)
        pos += 4
    # Central directory header: signature PK\1\2, uncompressed size at offset 24.
    pos = 0
    while True:
        pos = data.find(b"PK\x01\x02", pos)
        if pos < 0:
            break
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if data[pos + 46:pos + 46 + name_len] == name:
            struct.pack_into("<I", data, pos + 24, size)
        pos += 4
    with open(zip_path, "wb") as f:
        f.write(data)


# --------------------------------------------------------------------------- project cases

def make_project_workbooks():
    """Workbooks for the fixture projects: an officer's clean two-sheet workbook and one per message."""
    # A treasurer's workbook: two sheets, currency, percent and date formats, a formula, a
    # styled empty trailing row; saved by LibreOffice so the formula has its cached value.
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Revenus 2024"
    ws.append(["Source", "Montant", "Part", "Reçu le"])
    ws.append(["Dons", 1234.5, 0.125, datetime.date(2024, 4, 1)])
    ws.append(["Subventions", 412350.75, 0.5, datetime.date(2024, 6, 15)])
    ws.append(["Cotisations", "=B2*2", 0.0625, datetime.date(2024, 12, 31)])
    ws.append(["Ventes", 87.25, 0.3125, datetime.date(2025, 1, 15)])
    for row in range(2, 6):
        ws.cell(row, 2).number_format = '#,##0.00\\ [$$-C0C]'   # 1 234,50 $ in fr-CA
        ws.cell(row, 3).number_format = "0.0%"                   # 6,3 % for 0.0625
        ws.cell(row, 4).number_format = "dd/mm/yyyy"
    ws["A9"].font = Font(bold=True)                              # styled, empty: trailing
    ws2 = wb.create_sheet("Activités")
    ws2.append(["Activité", "Participants", "Heures", "Date"])
    ws2.append(["Atelier d'écriture", 12, 1.5, datetime.date(2024, 5, 2)])
    ws2.append(["Sortie au musée", 30, 4, datetime.date(2024, 7, 20)])
    ws2.append(["Conférence", 85, 2.25, datetime.date(2025, 2, 10)])
    for row in range(2, 5):
        ws2.cell(row, 4).number_format = "yyyy-mm-dd"
    temporary = tempfile.mkdtemp()
    wb.save(os.path.join(temporary, "finances.xlsx"))
    soffice_convert(os.path.join(temporary, "finances.xlsx"), "xlsx", "libreoffice-finances.xlsx")
    shutil.rmtree(temporary)

    # An error cell: LibreOffice computes =B2/0 as #DIV/0!.
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Budget"
    ws.append(["Poste", "Montant", "Ratio"])
    ws.append(["Salaires", 1000, "=B2/0"])
    ws.append(["Loyer", 500, 0.5])
    temporary = tempfile.mkdtemp()
    wb.save(os.path.join(temporary, "budget.xlsx"))
    soffice_convert(os.path.join(temporary, "budget.xlsx"), "xlsx", "libreoffice-error-cell.xlsx")
    shutil.rmtree(temporary)

    # A formula openpyxl writes without a cached value.
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Dons"
    ws.append(["Source", "Montant"])
    ws.append(["Dons", 100])
    ws.append(["Legs", "=B2*3"])
    wb.save(path("openpyxl-formula.xlsx"))

    # Two sheets whose names fold to one table name.
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Revenus 2024"
    ws.append(["Source", "Montant"])
    ws.append(["Dons", 100])
    ws2 = wb.create_sheet("revenus-2024")
    ws2.append(["Source", "Montant"])
    ws2.append(["Legs", 50])
    wb.save(path("openpyxl-sheet-clash.xlsx"))

    # A zip bomb at the default limits: a sheet of 101 MiB (over the 100 MiB part limit) from
    # about 100 KiB, the best deflate does (about 1:1030). Written straight into its project
    # case, the only place it is used, so that it is committed once.
    bomb = f'<worksheet {NS}><!--' + "y" * (101 * 1024 * 1024) + '--><sheetData/></worksheet>'
    case = os.path.join(os.path.dirname(HERE), "projects/invalid/workbook-zip-bomb/content/data")
    os.makedirs(case, exist_ok=True)
    with zipfile.ZipFile(os.path.join(case, "bombe.xlsx"), "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for part_name, data in minimal_xlsx_parts(bomb):
            z.writestr(part_name, data)


# --------------------------------------------------------------------------- benchmark

def make_bench():
    """10,000 rows × 10 columns = 100,000 cells, as .xlsx (openpyxl), .ods (LibreOffice) and .csv."""
    out = os.path.join(os.path.dirname(HERE), ".build-bench")
    os.makedirs(out, exist_ok=True)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Bench"
    rows = []
    for i in range(10000):
        row = [f"Activité {i % 250}", i, i * 1.25, round(i / 7, 6), f"Ville {i % 40}",
               datetime.date(2024, 1, 1) + datetime.timedelta(days=i % 366), i % 2 == 0,
               i * 100, f"Note {i}", 0.125 * (i % 8)]
        ws.append(row)
        rows.append(row)
    for r in range(1, 10001):
        ws.cell(r, 6).number_format = "yyyy-mm-dd"
    wb.save(os.path.join(out, "bench-100k.xlsx"))
    with open(os.path.join(out, "bench-100k.csv"), "w", encoding="utf-8") as f:
        for row in rows:
            f.write(",".join(str(v) for v in row) + "\n")
    tmp = tempfile.mkdtemp()
    subprocess.run(["soffice", "--headless", "--calc", "--convert-to", "ods", "--outdir", tmp,
                    os.path.join(out, "bench-100k.xlsx")], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    shutil.move(os.path.join(tmp, "bench-100k.ods"), os.path.join(out, "bench-100k.ods"))


def main():
    if "--projects" in sys.argv:
        # Only the workbooks of the fixture projects (the others keep their bytes).
        make_project_workbooks()
        return
    make_openpyxl_report()
    make_openpyxl_1904()
    soffice_convert(path("openpyxl-report.xlsx"), "xlsx", "libreoffice-report.xlsx")
    soffice_convert(path("openpyxl-report.xlsx"), "ods", "libreoffice-report.ods")
    soffice_convert(path("openpyxl-1904.xlsx"), "ods", "libreoffice-1904.ods")
    make_libreoffice_text_ods()
    make_handmade_edges()
    make_handmade_ods()
    make_hostile()
    make_project_workbooks()
    if "--bench" in sys.argv:
        make_bench()
    for name in sorted(os.listdir(HERE)):
        print(f"{os.path.getsize(path(name)):>8}  {name}")


if __name__ == "__main__":
    main()
