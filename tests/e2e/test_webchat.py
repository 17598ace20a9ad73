"""The website widget in a real browser: Playwright driving Debian's Chromium headless."""
import json
import urllib.error
import urllib.request

import pytest

from .widget import DESKTOP, PHONE, ask, axe_violations, chat_text, screenshot, wait_for

pytestmark = pytest.mark.e2e


@pytest.fixture
def page(browser, servers):
    context = browser.new_context(viewport=DESKTOP)
    pg = context.new_page()
    pg.dialogs, pg.hosts = [], set()
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("request", lambda r: pg.hosts.add(r.url.split("/")[2]))
    pg.goto("http://127.0.0.1:%d/webchat/" % servers.port)
    yield pg
    context.close()


def bubbles(page):
    return page.locator("deep-chat .message-bubble").count()


def test_inline_widget_meets_wcag_21_aa_after_an_answer_and_announces_it(page):
    wait_for(page, "Stel je vraag")
    ask(page, "Wat is sponsoring?")
    wait_for(page, "naamsvermelding")
    # The message list is a polite live log: screen readers read out what is added to it.
    log = page.get_by_role("log", name="Berichten")
    assert log.get_attribute("aria-live") == "polite"
    assert "naamsvermelding" in log.text_content() and "Bron:" in log.text_content()
    assert page.get_by_role("textbox", name="Typ je vraag").count() == 1
    assert page.get_by_role("button", name="Verstuur").count() == 1
    assert axe_violations(page) == []


def test_inline_widget_on_a_phone(browser, servers):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto("http://127.0.0.1:%d/webchat/" % servers.port)
    ask(page, "Wat is sponsoring?")
    wait_for(page, "naamsvermelding")
    box = page.locator("partnerbot-chat deep-chat").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    screenshot(page, "webchat-inline-phone.png")
    context.close()


def test_welcome_question_answer_and_topic_button(page):
    wait_for(page, "Stel je vraag of kies een onderwerp")
    assert page.locator("deep-chat button.deep-chat-suggestion-button", has_text="Risico's").count() == 1
    ask(page, "Wat is sponsoring?")
    wait_for(page, "naamsvermelding")
    source = page.locator("deep-chat .pb-source").last
    assert source.inner_text().startswith("Bron: MVO Vlaanderen")
    page.locator("deep-chat button.deep-chat-suggestion-button", has_text="Risico's").first.click()
    wait_for(page, "Reputatieschade")
    screenshot(page, "webchat-inline-desktop.png")
    # Everything, the chat library and fonts included, comes from the bot itself: no CDN.
    assert page.hosts == {"127.0.0.1:%d" % int(page.url.split(":")[2].split("/")[0])}


def test_lists_are_lists(page):
    wait_for(page, "Stel je vraag")
    ask(page, "Welke drie vormen van samenwerking onderscheidt Austin?")
    wait_for(page, "filantropische vorm")
    assert page.locator("deep-chat ul li").count() >= 3


def test_fit_check_buttons(page):
    wait_for(page, "Stel je vraag")
    page.locator("deep-chat button.deep-chat-suggestion-button", has_text="Fit check").first.click()
    wait_for(page, "Vraag 1 van 8")
    page.locator("deep-chat button.deep-chat-suggestion-button", has_text="Ja").last.click()
    wait_for(page, "Vraag 2 van 8")
    page.locator("deep-chat button.deep-chat-suggestion-button", has_text="Deels").last.focus()
    page.keyboard.press("Enter")  # buttons work from the keyboard
    wait_for(page, "Vraag 3 van 8")


def test_history_survives_a_reload_and_new_conversation_starts_afresh(page):
    wait_for(page, "Stel je vraag")
    ask(page, "Hoeveel partnerschappen mislukken?")
    wait_for(page, "helft")
    page.reload()
    wait_for(page, "helft")
    assert "Hoeveel partnerschappen mislukken?" in chat_text(page)
    # The earlier messages come back quietly; what follows them is read out again.
    page.wait_for_function("() => document.querySelector('partnerbot-chat').shadowRoot.querySelector('deep-chat')"
                           ".shadowRoot.getElementById('messages').getAttribute('aria-live') === 'polite'")
    page.get_by_role("button", name="Begin een nieuw gesprek").click()
    wait_for(page, "Stel je vraag")
    assert "helft" not in chat_text(page)


def test_html_typed_by_a_user_is_shown_as_text(page):
    wait_for(page, "Stel je vraag")
    ask(page, "<img src=x onerror=alert(1)>")
    wait_for(page, "<img src=x onerror=alert(1)>")
    page.wait_for_timeout(1500)
    assert page.dialogs == []
    assert page.locator("deep-chat img[src=x]").count() == 0


def test_channel_refuses_long_messages_and_foreign_origins(servers):
    url = "http://127.0.0.1:%d/webchat/webhook" % servers.port

    def post(body, headers=None):
        request = urllib.request.Request(url, data=json.dumps(body).encode(),
                                         headers={"Content-Type": "application/json", **(headers or {})})
        try:
            with urllib.request.urlopen(request, timeout=30) as r:
                return r.status, json.loads(r.read())
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read())

    status, body = post({"sender": "browser-test-1", "message": "x" * 2001})
    assert status == 413 and "te lang" in body["error"]
    status, _ = post({"sender": "browser-test-1", "message": "hoi"}, {"Origin": "https://evil.example"})
    assert status == 403
    status, body = post({"sender": "browser-test-1", "message": "hoi"},
                        {"Origin": "http://127.0.0.1:%d" % servers.port})
    assert status == 200 and body


def test_widget_limits_input_and_says_when_the_bot_is_unreachable(page):
    wait_for(page, "Stel je vraag")
    box = page.locator("deep-chat #text-input")
    box.click()
    page.keyboard.insert_text("x" * 2100)
    assert len(box.inner_text()) <= 2000
    box.fill("")
    page.route("**/webchat/webhook", lambda route: route.abort())
    ask(page, "Wat is mecenaat?")
    wait_for(page, "niet bereikbaar")
    page.unroute("**/webchat/webhook")


def test_widget_says_slow_down_when_the_bot_refuses_with_429(page):
    wait_for(page, "Stel je vraag")
    page.route("**/webchat/webhook", lambda route: route.fulfill(
        status=429, headers={"Retry-After": "2"}, content_type="application/json",
        body=json.dumps({"error": "too many messages", "retry_after": 2})))
    ask(page, "Wat is mecenaat?")
    wait_for(page, "Rustig aan")
    page.unroute("**/webchat/webhook")
