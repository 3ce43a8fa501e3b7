#!/usr/bin/env python3
"""Writes a small bilan project with one pathological input, to time how bilan scales.

Usage: make_scale.py CASE N OUT

CASE is one of
  images      one section of N images nested in each other's alt text: ![a![a…](x.png)](x.png)
  figures     N independent figures, each the sum of a column, then N figures using them
  chain       a chain of N figures, each using the one before (f1: f0 + 1)
  cycle       a cycle of N figures (f0 uses f1, …, the last uses f0)
  paragraphs  one section of N one-line paragraphs
The project builds with `bilan build --root OUT`; bench/scale times each case at
several sizes.
"""
import os
import sys

case, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]


def write(path, text):
    full = os.path.join(out, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8") as f:
        f.write(text)


write("content/report.yaml", """organization: Scale
period: 2023-2024
languages:
  fr: { locale: fr-CA, title: "Rapport" }
""")
write("content/data/t.csv", "a,b\n1,2\n3,4\n")
write("content/assets/x.png", "")
body = "Texte.\n"
figures = ""
if case == "images":
    body = "![a" * n + "](../assets/x.png)" * n + "\n"
elif case == "figures":
    figures = "".join(f"s{i}: sum(t.a) + {i}\n" for i in range(n))
    figures += "".join(f"u{i}: s{i} * 2\n" for i in range(n))
elif case == "chain":
    figures = "f0: count(t)\n" + "".join(f"f{i}: f{i - 1} + 1\n" for i in range(1, n))
elif case == "cycle":
    figures = "".join(f"f{i}: f{(i + 1) % n} + 1\n" for i in range(n))
elif case == "paragraphs":
    body = "".join(f"Paragraphe {i}.\n\n" for i in range(n))
else:
    sys.exit(f"make_scale.py: unknown case {case}")
write("content/figures.yaml", figures or "lignes: count(t)\n")
write("content/sections/010-a.fr.md", "---\ntitle: A\n---\n" + body)
