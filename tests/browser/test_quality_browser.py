"""The quality bar over the main pages, in Chromium: on a 360px phone no page scrolls sideways and every
link, button and field in the main content is at least 44px tall and wide (links inside a sentence
excepted, as WCAG allows); text meets WCAG 2.1 AA contrast (4.5:1, 3:1 for large text) computed from the
browser's own computed styles; with JavaScript off every page still shows its content; screenshots of
each page at 360x800 and 1280x800 go to docs/screenshots/ (the README shows them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.quality_scene import FIRST_NAMES, GROUP_FIRST, PASSWORD, build_world, main_pages
from tests.browser.welfare_scene import chromium
from tests.integration.test_web_pages import compile_translations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DOCS_SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PHONE, DESKTOP = {"width": 360, "height": 800}, {"width": 1280, "height": 800}
MIN_TARGET = 44

# Each visible link, button and field in <main> (and the menu) smaller than 44x44 CSS px. A checkbox or
# radio counts with its label (the label is what a finger presses). A link inside a sentence (text around
# it in the same block) is exempt, as WCAG 2.5.5 allows.
SMALL_TARGETS = r"""(min) => {
  const out = [];
  for (const el of document.querySelectorAll(
      'main a[href], main button, main input:not([type=hidden]), main select, main textarea, main summary, '
      + 'header a[href], header button')) {
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none' || el.closest('[hidden]')) continue;
    let box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (el.matches('input[type=checkbox], input[type=radio]') && el.closest('label')) {
      box = el.closest('label').getBoundingClientRect();
    }
    if (el.tagName === 'A') {
      const block = el.parentElement;
      // Words around it (not only separators such as "·" between links) make it part of a sentence.
      const around = [...block.childNodes].some(n => n !== el && /[\p{L}\p{N}]/u.test(n.textContent)
                                                    && !(n.nodeType === 1 && n.matches('a, button, br')));
      if (around && style.display === 'inline') continue;
    }
    if (box.height < min - 0.5 || box.width < min - 0.5) {
      const label = (el.innerText || el.value || el.name || el.id || el.outerHTML).trim().slice(0, 40);
      out.push(`${el.tagName.toLowerCase()} "${label}" ${Math.round(box.width)}x${Math.round(box.height)}`);
    }
  }
  return out;
}"""

# Text whose contrast with what is behind it is below WCAG 2.1 AA, from computed styles: the colour of
# each element holding text, over the first opaque background found going up (translucent ones blended).
LOW_CONTRAST = """() => {
  const rgba = s => { const m = s.match(/[\\d.]+/g) || [0, 0, 0, 0]; return m.map(Number).concat([1]).slice(0, 4); };
  const channel = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  const lum = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const over = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3])).concat([1]);
  const background = el => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let colour = [255, 255, 255, 1];
    for (const c of layers.reverse()) colour = over(c, colour);
    return colour;
  };
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!el || seen.has(el) || !walker.currentNode.textContent.trim()) continue;
    seen.add(el);
    if (el.closest('[hidden], script, style, noscript, option, :disabled, [aria-hidden=true]')) continue;
    const s = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (s.visibility === 'hidden' || box.width === 0 || box.height === 0 || Number(s.opacity) === 0) continue;
    const bg = background(el);
    const fg = over(rgba(s.color), bg);
    const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
    const ratio = (hi + 0.05) / (lo + 0.05);
    const size = parseFloat(s.fontSize), bold = Number(s.fontWeight) >= 700;
    const need = (size >= 24 || (bold && size >= 18.66)) ? 3 : 4.5;
    if (ratio < need - 0.01) {
      out.push(`"${walker.currentNode.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}:1 < ${need}:1 `
               + `(${s.color} on rgb(${bg.slice(0, 3).map(Math.round)}), ${size}px)`);
    }
  }
  return out;
}"""


@pytest.fixture
def world():
    """Built before Playwright starts (its event loop makes Django refuse database calls)."""
    compile_translations()
    return build_world(members=12)


def shot(page, name: str) -> None:
    """The viewport only, as PNG with a small palette, so the screenshots kept in git stay small."""
    from PIL import Image

    DOCS_SHOTS.mkdir(parents=True, exist_ok=True)
    path = DOCS_SHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    Image.open(path).convert("RGB").quantize(colors=64, dither=Image.Dither.NONE).save(path, optimize=True)


def slug(name: str) -> str:
    return name.replace(" ", "-")


def thai_login(browser, live_server, username: str, viewport):
    """A Thai phone or PC (th-TH: date fields read day/month/year) with `username` logged in."""
    context = browser.new_context(viewport=viewport, locale="th-TH", timezone_id="Asia/Bangkok")
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url(lambda url: "/login/" not in url)
    return page


def visit(browser, live_server, world, viewport, check) -> list[str]:
    """Each main page opened by its user at `viewport`; `check(page, name)` returns what is wrong with it."""
    problems, pages = [], {}
    for name, path, user in main_pages(world):
        if user not in pages:
            pages[user] = thai_login(browser, live_server, user, viewport)
        page = pages[user]
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, (name, response.status)
        page.wait_for_load_state("networkidle")
        problems += [f"{name}: {p}" for p in check(page, name)]
    return problems


def test_on_a_phone_nothing_scrolls_sideways_and_every_target_is_44px(live_server, world):
    def check(page, name):
        found = [f"tap target {t}" for t in page.evaluate(SMALL_TARGETS, MIN_TARGET)]
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            found.append(f"the page is {width}px wide on a {PHONE['width']}px screen")
        shot(page, f"{slug(name)}-360")
        return found

    with chromium() as browser:
        problems = visit(browser, live_server, world, PHONE, check)
    assert not problems, "\n".join(problems)


def test_text_contrast_meets_wcag_aa_on_phone_and_desktop(live_server, world):
    def check(page, name):
        return [f"contrast {t}" for t in page.evaluate(LOW_CONTRAST)]

    with chromium() as browser:
        problems = visit(browser, live_server, world, PHONE, check)
        problems += visit(browser, live_server, world, DESKTOP, lambda page, name: (shot(page, f"{slug(name)}-1280"),
                                                                                      check(page, name))[1])
    assert not problems, "\n".join(sorted(set(problems)))


def test_every_main_page_reads_without_javascript(live_server, world):
    expected = {"home": world.fund_name, "org page": world.fund_name, "members list": FIRST_NAMES[0],
                "member page": FIRST_NAMES[2], "collection day": FIRST_NAMES[1], "claims list": FIRST_NAMES[2],
                "claim page": FIRST_NAMES[2], "ledger": "เก็บเงินสมทบ", "reports": "งบการเงิน",
                "loans portfolio": "10,000.00", "savings collection": FIRST_NAMES[GROUP_FIRST % len(FIRST_NAMES)]}

    with chromium() as browser:
        context = browser.new_context(viewport=PHONE, java_script_enabled=False)
        page = context.new_page()
        problems = []
        for name, path, user in main_pages(world):
            context.clear_cookies()
            page.goto(f"{live_server.url}/login/")
            page.fill("#id_username", user)
            page.fill("#id_password", PASSWORD)
            page.press("#id_password", "Enter")
            page.wait_for_url(lambda url: "/login/" not in url)
            response = page.goto(f"{live_server.url}{path}")
            text = page.inner_text("main")
            if response.status != 200 or expected[name] not in text or len(text) < 80:
                problems.append(f"{name}: HTTP {response.status}, {len(text)} characters, "
                                f"{expected[name]!r} {'missing' if expected[name] not in text else 'present'}")
    assert not problems, "\n".join(problems)


def test_the_checks_themselves_catch_low_contrast_and_small_targets():
    """The two checks above, on a page made to fail them: so a pass means something."""
    with chromium() as browser:
        page = browser.new_page(viewport=PHONE)
        page.set_content(
            '<main><p style="color:#999">grey text</p><p style="color:#000">black text</p>'
            '<h1 style="color:#888;font-size:30px">large grey</h1>'
            '<div style="background:rgba(0,0,0,.9)"><span style="color:#333">dark on dark</span></div>'
            '<p>a sentence with <a href="#">a link</a> inside</p><p><a href="#">alone</a></p>'
            '<button style="height:30px;padding:0">small</button>'
            '<button style="height:48px;width:120px">big</button></main>')
        contrast = page.evaluate(LOW_CONTRAST)
        targets = page.evaluate(SMALL_TARGETS, MIN_TARGET)
    assert [c.split('"')[1] for c in contrast] == ["grey text", "dark on dark"], contrast
    assert [t.split('"')[1] for t in targets] == ["alone", "small"], targets
