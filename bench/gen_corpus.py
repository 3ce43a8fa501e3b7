#!/usr/bin/env python3
# Copied unchanged (but for these two lines) from the shared benchmark material
# (shared/bench/gen_corpus.py), so that the benchmark needs nothing outside the repository.
"""Deterministic bilingual (fr/en) annual-report corpus generator.

Stdlib only.  Usage:

    python3 gen_corpus.py --sections N --rows M --out DIR [--seed S] [--bodies]

Layout written under DIR (buildable as-is with `hugo -s DIR`):

    DIR/hugo.toml                      minimal multilingual config (fr default, en)
    DIR/layouts/_default/baseof.html   trivial templates
    DIR/layouts/_default/single.html
    DIR/layouts/_default/list.html
    DIR/content/_index.fr.md           home page per language
    DIR/content/_index.en.md
    DIR/content/section-NNNNN.fr.md    N sections per language, YAML front matter
    DIR/content/section-NNNNN.en.md    (title, weight) + ~2-4 KB Markdown body
    DIR/data/media_mentions.csv        M data rows in total over the 3 CSV files
    DIR/data/trainings.csv
    DIR/data/finances.csv

With --bodies it also writes, for cmark / pandoc:

    DIR/bodies/section-NNNNN.LANG.md   the same bodies, front matter stripped
    DIR/all_bodies.md                  every body concatenated (fr then en, in
                                       section order, one blank line between)

Determinism: section i in language L depends only on (seed, i, L), never on N,
so the N=40 corpus is a prefix of the N=1000 one.  Output is byte-identical
across runs and machines (no time, no hash(), no dict-order dependence).
"""
import argparse
import os
import random
import sys

NBSP = "\u00a0"    # espace insécable
NNBSP = "\u202f"   # espace fine insécable

LANGS = ("fr", "en")

# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------
TOPICS = [
    ("Gouvernance et vie associative", "Governance and membership"),
    ("Formations dispensées", "Training delivered"),
    ("Présence dans les médias", "Media presence"),
    ("Finances et comptes annuels", "Finances and annual accounts"),
    ("Partenariats internationaux", "International partnerships"),
    ("Plaidoyer et relations publiques", "Advocacy and public affairs"),
    ("Événements et conférences", "Events and conferences"),
    ("Ressources humaines", "Human resources"),
    ("Bénévolat et engagement", "Volunteering and engagement"),
    ("Projets de recherche", "Research projects"),
    ("Communication numérique", "Digital communication"),
    ("Perspectives pour l’année à venir", "Outlook for the coming year"),
]

REGIONS_FR = ["Québec", "Genève", "Lyon", "Montréal", "Bruxelles", "Dakar",
              "Besançon", "Nîmes", "Sète", "Trois-Rivières", "Orléans", "Pointe-à-Pitre"]
REGIONS_EN = ["Quebec City", "Geneva", "Lyon", "Montreal", "Brussels", "Dakar",
              "Besançon", "Nîmes", "Sète", "Trois-Rivières", "Orléans", "Pointe-à-Pitre"]

OUTLETS = ["Le Devoir", "La Presse", "Radio-Canada", "Le Monde", "Libération",
           "Le Temps", "RTBF", "France Culture", "CBC News", "The Gazette",
           "Le Soleil", "L’Actualité"]

SUBJ_FR = ["Le conseil d’administration", "L’équipe permanente", "Notre réseau de bénévoles",
           "Le comité de pilotage", "La direction générale", "L’assemblée générale",
           "Le secrétariat", "Chaque antenne régionale", "Le groupe de travail sur l’éthique",
           "La coordination des formations"]
VERB_FR = ["a consolidé", "a élargi", "a réorganisé", "a poursuivi", "a renforcé",
           "a évalué", "a lancé", "a accompagné", "a documenté", "a préparé"]
OBJ_FR = ["les activités de formation continue", "la présence médiatique de l’association",
          "la gestion financière des projets", "les échanges avec les partenaires européens",
          "le programme d’accueil des nouveaux membres", "la stratégie de plaidoyer",
          "les outils de suivi budgétaire", "la diffusion des publications",
          "la collaboration avec les universités", "le réseau des élèves-traducteurs"]
TAIL_FR = ["tout au long de l’exercice", "malgré un contexte économique difficile",
           "grâce à l’appui de nos donateurs", "en étroite collaboration avec le secrétariat",
           "dans le respect du budget voté", "à la demande de nos membres",
           "avec un succès qui dépasse nos prévisions", "pour la première fois depuis sa création",
           "au cours du deuxième semestre", "en français comme en anglais"]
CONN_FR = ["Par ailleurs,", "En outre,", "De plus,", "Ainsi,", "Néanmoins,", "Enfin,",
           "À cet égard,", "Du reste,", "Parallèlement,", "Concrètement,"]
EMPH_FR = ["une priorité", "une réussite", "une étape décisive", "un résultat remarquable",
           "un enjeu majeur", "un tournant", "un défi"]

SUBJ_EN = ["The board of directors", "The permanent staff", "Our volunteer network",
           "The steering committee", "The executive office", "The general assembly",
           "The secretariat", "Each regional chapter", "The ethics working group",
           "The training coordination team"]
VERB_EN = ["consolidated", "expanded", "reorganised", "continued", "strengthened",
           "reviewed", "launched", "supported", "documented", "prepared"]
OBJ_EN = ["its continuing-education activities", "the association's media presence",
          "the financial management of projects", "exchanges with European partners",
          "the onboarding programme for new members", "the advocacy strategy",
          "the budget-tracking tools", "the distribution of publications",
          "the collaboration with universities", "the student-translator network"]
TAIL_EN = ["throughout the financial year", "despite a difficult economic climate",
           "thanks to the support of our donors", "in close cooperation with the secretariat",
           "within the approved budget", "at the request of our members",
           "with results well beyond our forecasts", "for the first time since its founding",
           "during the second half of the year", "in both French and English"]
CONN_EN = ["In addition,", "Moreover,", "Furthermore,", "As a result,", "Nevertheless,",
           "Finally,", "In this respect,", "Meanwhile,", "In practice,", "Overall,"]
EMPH_EN = ["a priority", "a success", "a decisive step", "a remarkable result", "a major issue",
           "a turning point", "a challenge"]

QUOTES_FR = [
    "Former, c’est transmettre un métier autant qu’une éthique.",
    "Nous avons su garder le cap malgré les vents contraires.",
    "Chaque mot traduit est un pont jeté entre deux cultures.",
    "La qualité ne se négocie pas, elle se cultive.",
    "Ce rapport témoigne d’une année exceptionnelle pour notre réseau.",
]
QUOTES_EN = [
    "To train is to hand down a craft as much as an ethic.",
    "We kept our course despite the headwinds.",
    "Every translated word is a bridge between two cultures.",
    "Quality is not negotiated, it is cultivated.",
    "This report bears witness to an exceptional year for our network.",
]
PEOPLE = ["Hélène Côté", "François Lefèvre", "Amélie Gagné", "Jérôme Bélanger",
          "Noémie Ménard", "Benoît Lévesque", "Maëlle Dubé", "Cédric Pâquet"]

LIST_FR = ["ateliers de terminologie", "séances d’accueil des nouveaux membres",
           "webinaires sur la traduction juridique", "journées portes ouvertes",
           "revues de presse trimestrielles", "rencontres avec les élus",
           "stages en entreprise", "publications spécialisées", "mentorats individuels",
           "sessions de révision collaborative"]
LIST_EN = ["terminology workshops", "new-member welcome sessions",
           "webinars on legal translation", "open days", "quarterly press reviews",
           "meetings with elected officials", "work placements", "specialised publications",
           "one-to-one mentoring", "collaborative revision sessions"]

SUBHEAD_FR = ["Faits saillants", "Contexte", "Résultats obtenus", "Difficultés rencontrées",
              "Chiffres clés", "Témoignages", "Prochaines étapes", "Remerciements"]
SUBHEAD_EN = ["Highlights", "Background", "Results achieved", "Difficulties encountered",
              "Key figures", "Testimonials", "Next steps", "Acknowledgements"]


def fr_number(n):
    """12345 -> '12 345' with a narrow no-break space, French style."""
    s = str(n)
    groups = []
    while s:
        groups.append(s[-3:])
        s = s[:-3]
    return NNBSP.join(reversed(groups))


def en_number(n):
    return f"{n:,}"


class Writer:
    def __init__(self, rng, lang, idx):
        self.r = rng
        self.lang = lang
        self.idx = idx

    def pick(self, seq):
        return self.r.choice(seq)

    # -- sentences ---------------------------------------------------------
    def sentence(self):
        r = self.r
        if self.lang == "fr":
            s = f"{self.pick(SUBJ_FR)} {self.pick(VERB_FR)} {self.pick(OBJ_FR)} {self.pick(TAIL_FR)}"
            roll = r.random()
            if roll < 0.15:
                s = f"{self.pick(CONN_FR)} {s[0].lower()}{s[1:]}"
            elif roll < 0.25:
                s += f", ce qui constitue *{self.pick(EMPH_FR)}*"
            elif roll < 0.32:
                s += f"{NBSP}: **{fr_number(r.randint(12, 98000))}** personnes ont été rejointes"
            elif roll < 0.38:
                s += (f" (voir le [rapport détaillé](https://example.org/fr/rapports/"
                      f"{2015 + self.idx % 10}/section-{self.idx:05d}))")
            elif roll < 0.44:
                s += f" à {self.pick(REGIONS_FR)}"
            elif roll < 0.48:
                s += f", selon {self.pick(OUTLETS)}"
            end = r.random()
            if end < 0.06:
                return s + f"{NNBSP}!"
            if end < 0.10:
                return s + f"{NNBSP};" + " c’est là l’essentiel."
            return s + "."
        s = f"{self.pick(SUBJ_EN)} {self.pick(VERB_EN)} {self.pick(OBJ_EN)} {self.pick(TAIL_EN)}"
        roll = r.random()
        if roll < 0.15:
            s = f"{self.pick(CONN_EN)} {s[0].lower()}{s[1:]}"
        elif roll < 0.25:
            s += f", which marks *{self.pick(EMPH_EN)}*"
        elif roll < 0.32:
            s += f": **{en_number(r.randint(12, 98000))}** people were reached"
        elif roll < 0.38:
            s += (f" (see the [detailed report](https://example.org/en/reports/"
                  f"{2015 + self.idx % 10}/section-{self.idx:05d}))")
        elif roll < 0.44:
            s += f" in {self.pick(REGIONS_EN)}"
        elif roll < 0.48:
            s += f", according to {self.pick(OUTLETS)}"
        return s + ("!" if r.random() < 0.04 else ".")

    def paragraph(self):
        return " ".join(self.sentence() for _ in range(self.r.randint(3, 6)))

    def bullet_list(self):
        r = self.r
        items = LIST_FR if self.lang == "fr" else LIST_EN
        n = r.randint(3, 6)
        ordered = r.random() < 0.3
        out = []
        for k, item in enumerate(r.sample(items, n), 1):
            count = r.randint(2, 480)
            if self.lang == "fr":
                text = f"{fr_number(count)}{NBSP}{item}"
                if r.random() < 0.3:
                    text += f" — dont *{r.randint(1, 9)}* à {self.pick(REGIONS_FR)}"
            else:
                text = f"{en_number(count)} {item}"
                if r.random() < 0.3:
                    text += f" — including *{r.randint(1, 9)}* in {self.pick(REGIONS_EN)}"
            out.append(f"{k}. {text}" if ordered else f"- {text}")
        return "\n".join(out)

    def blockquote(self):
        r = self.r
        k = r.randrange(len(QUOTES_FR))
        who = self.pick(PEOPLE)
        if self.lang == "fr":
            return (f"> «{NBSP}{QUOTES_FR[k]}{NBSP}»\n>\n"
                    f"> — {who}, au nom du comité{NBSP}; entretien accordé à *{self.pick(OUTLETS)}*")
        return (f"> “{QUOTES_EN[k]}”\n>\n"
                f"> — {who}, on behalf of the committee; interview with *{self.pick(OUTLETS)}*")

    def subheading(self):
        return "### " + self.pick(SUBHEAD_FR if self.lang == "fr" else SUBHEAD_EN)

    def body(self, title):
        r = self.r
        target = r.randint(2048, 4096)  # UTF-8 bytes
        blocks = [f"## {title}", self.paragraph()]
        size = sum(len(b.encode("utf-8")) + 2 for b in blocks)
        while size < target:
            roll = r.random()
            if roll < 0.45:
                b = self.paragraph()
            elif roll < 0.65:
                b = self.bullet_list()
            elif roll < 0.80:
                b = self.subheading() + "\n\n" + self.paragraph()
            else:
                b = self.blockquote()
            blocks.append(b)
            size += len(b.encode("utf-8")) + 2
        return "\n\n".join(blocks) + "\n"


def section_texts(seed, idx):
    """Return {lang: (title, body)} for section idx (1-based); depends on (seed, idx) only."""
    out = {}
    topic = TOPICS[(idx - 1) % len(TOPICS)]
    for li, lang in enumerate(LANGS):
        rng = random.Random(f"{seed}:{idx}:{lang}")  # str seeds are deterministic (sha512)
        base = topic[li]
        title = f"{base} — {idx}" if lang == "en" else f"{base}{NBSP}— {idx}"
        out[lang] = (title, Writer(rng, lang, idx).body(title))
    return out


def yaml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


HUGO_TOML = """\
baseURL = "https://example.org/"
title = "Rapport annuel / Annual report"
defaultContentLanguage = "fr"
defaultContentLanguageInSubdir = false
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
enableRobotsTXT = false

[languages]
  [languages.fr]
    languageName = "Français"
    weight = 1
    title = "Rapport annuel"
  [languages.en]
    languageName = "English"
    weight = 2
    title = "Annual report"

[markup.goldmark.renderer]
  unsafe = false
"""

BASEOF = """\
<!DOCTYPE html>
<html lang="{{ .Site.Language.Lang }}">
<head><meta charset="utf-8"><title>{{ .Title }} | {{ .Site.Title }}</title></head>
<body>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"""

SINGLE = """\
{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
{{ .Content }}
</article>{{ end }}
"""

LIST = """\
{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul>{{ end }}
"""

HOME_FR = f"""---
title: "Rapport annuel"
---

Bienvenue dans le rapport annuel de l’association{NBSP}: vous y trouverez
les faits saillants de l’exercice, section par section.
"""

HOME_EN = """---
title: "Annual report"
---

Welcome to the association's annual report: the highlights of the year,
section by section.
"""


def write_csvs(rng, rows, data_dir):
    """Split M rows over three CSV files (40 % / 35 % / 25 %)."""
    n_media = rows * 40 // 100
    n_train = rows * 35 // 100
    n_fin = rows - n_media - n_train

    lines = ["date,outlet,language,title,reach"]
    for k in range(n_media):
        d = f"2024-{1 + k % 12:02d}-{1 + (k * 7) % 28:02d}"
        lang = "fr" if rng.random() < 0.7 else "en"
        outlet = rng.choice(OUTLETS)
        if lang == "fr":
            t = f"« {rng.choice(OBJ_FR)} » à {rng.choice(REGIONS_FR)}"
        else:
            t = f"“{rng.choice(OBJ_EN)}” in {rng.choice(REGIONS_EN)}"
        lines.append(f'{d},"{outlet}",{lang},"{t}",{rng.randint(500, 900000)}')
    write(os.path.join(data_dir, "media_mentions.csv"), "\n".join(lines) + "\n")

    lines = ["date,title_fr,title_en,city,participants,hours"]
    for k in range(n_train):
        d = f"2024-{1 + k % 12:02d}-{1 + (k * 11) % 28:02d}"
        i = rng.randrange(len(LIST_FR))
        c = rng.randrange(len(REGIONS_FR))
        lines.append(f'{d},"{LIST_FR[i]}","{LIST_EN[i]}","{REGIONS_FR[c]}",'
                     f'{rng.randint(4, 120)},{rng.choice([3, 6, 7, 14, 21])}')
    write(os.path.join(data_dir, "trainings.csv"), "\n".join(lines) + "\n")

    cats = [("Cotisations", "Membership fees"), ("Subventions", "Grants"),
            ("Dons", "Donations"), ("Salaires", "Salaries"), ("Loyer", "Rent"),
            ("Déplacements", "Travel"), ("Honoraires", "Fees"),
            ("Frais bancaires", "Bank charges")]
    lines = ["year,category_fr,category_en,amount_cad"]
    for k in range(n_fin):
        cf, ce = cats[k % len(cats)]
        amt = rng.randint(-250000, 400000) / 100
        lines.append(f'{2000 + k // len(cats) % 25},"{cf}","{ce}",{amt:.2f}')
    write(os.path.join(data_dir, "finances.csv"), "\n".join(lines) + "\n")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sections", type=int, required=True, help="sections per language (N)")
    ap.add_argument("--rows", type=int, required=True, help="CSV data rows in total (M)")
    ap.add_argument("--out", required=True, help="output directory")
    ap.add_argument("--seed", default="2024", help="seed (default 2024)")
    ap.add_argument("--bodies", action="store_true",
                    help="also write bodies/ (front matter stripped) and all_bodies.md")
    a = ap.parse_args(argv)
    if a.sections < 1 or a.rows < 0:
        ap.error("--sections must be >= 1 and --rows >= 0")

    out = a.out
    content = os.path.join(out, "content")
    layouts = os.path.join(out, "layouts", "_default")
    data = os.path.join(out, "data")
    for d in (content, layouts, data):
        os.makedirs(d, exist_ok=True)

    write(os.path.join(out, "hugo.toml"), HUGO_TOML)
    write(os.path.join(layouts, "baseof.html"), BASEOF)
    write(os.path.join(layouts, "single.html"), SINGLE)
    write(os.path.join(layouts, "list.html"), LIST)
    write(os.path.join(content, "_index.fr.md"), HOME_FR)
    write(os.path.join(content, "_index.en.md"), HOME_EN)

    bodies_dir = os.path.join(out, "bodies")
    if a.bodies:
        os.makedirs(bodies_dir, exist_ok=True)
    concat = {lang: [] for lang in LANGS}
    total = 0
    for idx in range(1, a.sections + 1):
        name = f"section-{idx:05d}"
        for lang, (title, body) in section_texts(a.seed, idx).items():
            fm = f"---\ntitle: {yaml_str(title)}\nweight: {idx}\n---\n\n"
            write(os.path.join(content, f"{name}.{lang}.md"), fm + body)
            total += len(body.encode("utf-8"))
            if a.bodies:
                write(os.path.join(bodies_dir, f"{name}.{lang}.md"), body)
                concat[lang].append(body)
    if a.bodies:
        write(os.path.join(out, "all_bodies.md"),
              "\n".join(concat["fr"] + concat["en"]))

    write_csvs(random.Random(f"{a.seed}:csv"), a.rows, data)
    print(f"wrote {2 * a.sections} sections ({total} body bytes, "
          f"avg {total / (2 * a.sections):.0f} B) and {a.rows} CSV rows to {out}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
