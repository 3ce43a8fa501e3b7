#!/usr/bin/env python3
"""Lays a gen_corpus.py corpus (a Hugo site) out as a bilan project, with the same prose.

    python3 to_bilan.py SRC DST

DST/content/report.yaml, DST/content/sections/NNNNN-section-NNNNN.LANG.md (front matter
kept, the same bytes of prose), the CSV tables in DST/content/data/, plus a small
summary table (cities.csv, one row per city) and one of finances
(finance_totals.csv, one row per year and item), DST/content/figures.yaml with
aggregates over every table, and, in every tenth section, a `{{ figure }}`, a chart
(over cities.csv) and a table (one year of finance_totals.csv) so that figures and blocks are
measured too. Deterministic: same corpus in, same project out.
"""
import csv
from decimal import Decimal
import os
import shutil
import sys

src, dst = sys.argv[1], sys.argv[2]
content = os.path.join(dst, "content")
sections = os.path.join(content, "sections")
data = os.path.join(content, "data")
os.makedirs(sections, exist_ok=True)
os.makedirs(data, exist_ok=True)


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


write(os.path.join(content, "report.yaml"),
      "organization: Corpus\nperiod: 2024-2025\nlanguages:\n"
      "  fr: { locale: fr-CA, title: \"Rapport annuel\" }\n"
      "  en: { locale: en-CA, title: \"Annual report\" }\n")
write(os.path.join(content, "figures.yaml"),
      "portee_totale: sum(media_mentions.reach)\n"
      "mentions: count(media_mentions)\n"
      "participants: sum(trainings.participants)\n"
      "heures_moyennes:\n  value: mean(trainings.hours)\n  format: number\n  decimals: 1\n"
      "budget:\n  value: sum(finances.amount_cad)\n  format: currency\n")
for name in sorted(os.listdir(os.path.join(src, "data"))):
    shutil.copy(os.path.join(src, "data", name), data)

# One row per city: what a chart shows (a chart draws one category per row).
totals = {}
with open(os.path.join(data, "trainings.csv"), encoding="utf-8", newline="") as f:
    for row in csv.DictReader(f):
        totals[row["city"]] = totals.get(row["city"], 0) + int(row["participants"])
write(os.path.join(data, "cities.csv"),
      "city,participants\n" + "".join(f'"{city}",{totals[city]}\n' for city in sorted(totals)))

# Totals per year and item: what a table block shows (one year of it, a few rows, however
# large finances.csv grows; a block over finances.csv itself would print N/10 rows in each
# of N/10 sections, an output that grows as N squared).
amounts = {}
with open(os.path.join(data, "finances.csv"), encoding="utf-8", newline="") as f:
    for row in csv.DictReader(f):
        key = (row["year"], row["category_fr"], row["category_en"])
        amounts[key] = amounts.get(key, Decimal(0)) + Decimal(row["amount_cad"])
write(os.path.join(data, "finance_totals.csv"),
      "year,category_fr,category_en,amount_cad\n"
      + "".join(f'{year},"{fr}","{en}",{amounts[(year, fr, en)]}\n' for (year, fr, en) in sorted(amounts)))

CHART = {
    "fr": "\n```chart\ntype: column\ndata: cities\nx: city\ny: participants\n"
          "title: Participants par ville\nlabels: { city: Ville, participants: Participants }\n```\n",
    "en": "\n```chart\ntype: column\ndata: cities\nx: city\ny: participants\n"
          "title: Participants by city\nlabels: { city: City, participants: Participants }\n```\n",
}
TABLE = {
    "fr": "\n```table\ndata: finance_totals\ncolumns: { category: Poste, amount_cad: { label: Montant, format: currency } }\n"
          "where: year = 2001\nsort: -amount_cad\ntotal: amount_cad\n```\n",
    "en": "\n```table\ndata: finance_totals\ncolumns: { category: Item, amount_cad: { label: Amount, format: currency } }\n"
          "where: year = 2001\nsort: -amount_cad\ntotal: amount_cad\n```\n",
}
SENTENCE = {"fr": "\nParticipants aux formations : {{ participants }}.\n",
            "en": "\nTraining participants: {{ participants }}.\n"}

for name in sorted(os.listdir(os.path.join(src, "content"))):
    if not name.startswith("section-"):
        continue
    with open(os.path.join(src, "content", name), encoding="utf-8") as f:
        text = f.read()
    number, language = name[len("section-"):].split(".")[:2]
    if int(number) % 10 == 0:
        text += SENTENCE[language] + CHART[language] + TABLE[language]
    write(os.path.join(sections, f"{number}-section-{number}.{language}.md"), text)
