"""Driving the website widget in Chromium: where its text is, asking a question, and the axe-core audit."""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 667}
# WCAG 2.1 A and AA; axe also looks inside shadow roots.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# The widget is a <partnerbot-chat> element whose shadow root holds deep-chat (with a shadow root of its own).
CHAT_TEXT = ("() => { const w = document.querySelector('partnerbot-chat');"
             " const c = w && w.shadowRoot.querySelector('deep-chat');"
             " return c && c.shadowRoot ? c.shadowRoot.textContent : ''; }")
# The element that has the keyboard focus, looking through shadow roots.
FOCUSED = ("() => { let a = document.activeElement;"
           " while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;"
           " return a ? (a.id || a.getAttribute('aria-label') || a.tagName) : null; }")


def chat_text(page) -> str:
    return page.evaluate(CHAT_TEXT)


def wait_for(page, text, timeout=30000):
    page.wait_for_function("t => (%s)().includes(t)" % CHAT_TEXT, arg=text, timeout=timeout)


def ask(page, text):
    box = page.locator("deep-chat #text-input")
    box.click()
    box.fill(text)
    box.press("Enter")


def focused(page):
    return page.evaluate(FOCUSED)


def wait_for_focus(page, name, timeout=5000):
    """Wait until the focused element (id, else accessible name, else tag) is `name`."""
    page.wait_for_function("n => (%s)() === n" % FOCUSED, arg=name, timeout=timeout)


def axe_violations(page):
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now: [(rule, impact, [targets])]."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("""async tags => {
        const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
        return result.violations.map(v => [v.id, v.impact, v.nodes.map(n => JSON.stringify(n.target))]);
    }""", WCAG_TAGS)
    return [tuple(v) for v in found]


def screenshot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))
