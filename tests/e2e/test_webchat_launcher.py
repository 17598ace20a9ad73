"""The widget as a chat button in the corner (data-mode="launcher") in headless Chromium: mouse, keyboard, phone,
remembered state, style isolation and the WCAG 2.1 AA audit (axe-core)."""
import pytest

from .widget import (DESKTOP, PHONE, ask, axe_violations, chat_text, focused, screenshot, wait_for,
                     wait_for_focus)

pytestmark = pytest.mark.e2e

LAUNCHER = "Chat met Partnerbot"


def open_page(browser, servers, viewport=DESKTOP, path="/webchat/launcher.html"):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.chat_requests, page.hosts = [], set()

    def note(request):
        page.hosts.add(request.url.split("/")[2])
        if "/webchat/webhook" in request.url or "/webchat/history" in request.url:
            page.chat_requests.append(request.url)

    page.on("request", note)
    page.goto("http://127.0.0.1:%d%s" % (servers.port, path))
    page.get_by_role("button", name=LAUNCHER).wait_for()
    return context, page


@pytest.fixture
def desktop(browser, servers):
    context, page = open_page(browser, servers)
    yield page
    context.close()


@pytest.fixture
def phone(browser, servers):
    context, page = open_page(browser, servers, PHONE)
    yield page
    context.close()


def panel(page):
    return page.get_by_role("dialog", name="Partnerbot")


def test_launcher_opens_by_mouse_answers_with_its_source_and_meets_wcag_21_aa(desktop, servers):
    page = desktop
    launcher = page.get_by_role("button", name=LAUNCHER)
    assert launcher.get_attribute("aria-expanded") == "false"
    assert panel(page).count() == 0
    page.wait_for_timeout(500)
    assert page.chat_requests == []  # a visitor who never opens the chat starts no conversation
    launcher.click()
    assert panel(page).is_visible() and launcher.get_attribute("aria-expanded") == "true"
    wait_for_focus(page, "text-input")
    wait_for(page, "Stel je vraag")
    ask(page, "Wat is sponsoring?")
    wait_for(page, "naamsvermelding")
    source = panel(page).locator(".pb-source").last
    assert source.inner_text().startswith("Bron: MVO Vlaanderen")
    assert axe_violations(page) == []
    screenshot(page, "webchat-launcher-desktop.png")
    page.get_by_role("button", name="Chat sluiten").click()
    assert panel(page).count() == 0
    assert focused(page) == LAUNCHER
    assert launcher.get_attribute("aria-expanded") == "false"
    assert page.hosts == {"127.0.0.1:%d" % servers.port}  # nothing from a CDN, no font either


def test_launcher_works_by_keyboard_alone(desktop):
    page = desktop
    for _ in range(10):  # the demo page has a link before the launcher
        page.keyboard.press("Tab")
        if focused(page) == LAUNCHER:
            break
    assert focused(page) == LAUNCHER
    page.keyboard.press("Enter")
    wait_for_focus(page, "text-input")
    wait_for(page, "Stel je vraag")
    page.keyboard.type("Hoeveel partnerschappen mislukken?")
    page.keyboard.press("Enter")
    wait_for(page, "helft")
    page.keyboard.press("Escape")
    assert panel(page).count() == 0 and focused(page) == LAUNCHER
    page.keyboard.press("Space")
    assert panel(page).is_visible()
    wait_for_focus(page, "text-input")
    page.get_by_role("button", name="Chat sluiten").focus()
    page.keyboard.press("Enter")
    assert panel(page).count() == 0 and focused(page) == LAUNCHER


def test_launcher_remembers_open_and_closed_across_page_loads(desktop):
    page = desktop
    page.get_by_role("button", name=LAUNCHER).click()
    ask(page, "Wat is mecenaat?")
    wait_for(page, "Bron:")
    page.reload()
    panel(page).wait_for()
    wait_for(page, "Wat is mecenaat?")  # the conversation is back as well
    assert focused(page) != "text-input"  # a page load does not pull the focus into the chat
    page.get_by_role("button", name="Chat sluiten").click()
    page.reload()
    page.get_by_role("button", name=LAUNCHER).wait_for()
    page.wait_for_timeout(500)
    assert panel(page).count() == 0
    assert page.get_by_role("button", name=LAUNCHER).get_attribute("aria-expanded") == "false"


def test_launcher_panel_fills_a_phone_screen(phone):
    page = phone
    page.get_by_role("button", name=LAUNCHER).click()
    box = panel(page).bounding_box()
    assert (box["x"], box["y"], box["width"], box["height"]) == (0, 0, PHONE["width"], PHONE["height"])
    assert not page.get_by_role("button", name=LAUNCHER).is_visible()  # covered: the panel has its own close
    ask(page, "Wat is sponsoring?")
    wait_for(page, "naamsvermelding")
    assert panel(page).locator(".pb-source").last.is_visible()
    assert axe_violations(page) == []
    screenshot(page, "webchat-launcher-phone.png")
    page.keyboard.press("Escape")
    assert page.get_by_role("button", name=LAUNCHER).is_visible()


EMBED = '<script src="/webchat/embed.js" data-mode="launcher"></script>'
# A page with rude styles: they must not change the widget, and the widget must not change the page.
RUDE_PAGE = """<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Stijlen</title><style>
* { font-family: "Courier New", monospace !important; letter-spacing: 3px; }
body { font-size: 30px; color: #800080; line-height: 4; text-align: right; }
button { background: #800080 !important; border: 5px dashed #008000; position: static !important; width: 300px; }
div, span, p { color: #008000 !important; padding: 20px; }
</style></head><body><main><h1>Stijlen</h1><p id="own-text">Eigen tekst</p>
<button type="button" id="own-button">Eigen knop</button></main>
%s</body></html>""" % EMBED

WIDGET_STYLE = """() => {
  const root = document.querySelector('partnerbot-chat').shadowRoot;
  const style = el => { const s = getComputedStyle(el);
    return [s.position, s.width, s.backgroundColor, s.fontFamily, s.letterSpacing, s.color, s.fontSize, s.lineHeight]; };
  return {launcher: style(root.querySelector('.pb-launcher')), title: style(root.querySelector('.pb-title'))};
}"""
PAGE_STYLE = """() => {
  const style = el => { const s = getComputedStyle(el);
    return [s.position, s.width, s.backgroundColor, s.borderStyle, s.fontFamily, s.color, s.padding]; };
  return {button: style(document.getElementById('own-button')), text: style(document.getElementById('own-text')),
          sheets: document.styleSheets.length, classes: document.querySelectorAll('[class^=pb-]').length};
}"""


def test_page_styles_do_not_reach_the_widget_nor_the_widget_styles_the_page(browser, servers):
    context, demo = open_page(browser, servers)
    demo.get_by_role("button", name=LAUNCHER).click()
    demo.locator(".pb-title").wait_for()
    expected = demo.evaluate(WIDGET_STYLE)
    context.close()

    context = browser.new_context(viewport=DESKTOP)  # its own storage: the chat starts closed
    rude = context.new_page()
    url = "http://127.0.0.1:%d/rude.html" % servers.port
    page_alone = RUDE_PAGE.replace(EMBED, "")
    rude.route(url, lambda route: route.fulfill(status=200, content_type="text/html", body=page_alone))
    rude.goto(url)
    without_widget = rude.evaluate(PAGE_STYLE)
    rude.unroute(url)
    rude.route(url, lambda route: route.fulfill(status=200, content_type="text/html", body=RUDE_PAGE))
    rude.goto(url)
    rude.get_by_role("button", name=LAUNCHER).click()
    rude.locator(".pb-title").wait_for()
    assert rude.evaluate(WIDGET_STYLE) == expected
    with_widget = rude.evaluate(PAGE_STYLE)
    assert with_widget == without_widget  # same styles, no stylesheet or class of ours in the page
    assert with_widget["classes"] == 0
    context.close()


def test_closed_launcher_page_meets_wcag_21_aa_and_links_to_the_inline_demo(desktop):
    assert chat_text(desktop) == ""  # no chat rendered before the launcher is opened
    assert axe_violations(desktop) == []
    assert desktop.get_by_role("link", name="de andere demopagina").get_attribute("href") == "/webchat/"
