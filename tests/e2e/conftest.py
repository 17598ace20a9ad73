"""Start the real action server and Rasa server on free ports, once for the e2e tests."""
import contextlib
import json
import os
import time
import urllib.error
import urllib.request

import pytest

from bot.runner import Servers
from core.settings import FACTSHEETS_DIR
from knowledge import build
from tests.servers import FakeSlackApi, free_port, wait_until_up

STARTUP_SECONDS = 180
STAFF_ANSWERS_CHANNEL = "C0NCDOSTAF"   # the digest's channel, where staff answer open questions
SLACK_SECRET = "test-signing-secret"
from tests.slack_payloads import STAFF_CHANNEL as SLACK_CHANNEL  # answered without a mention


def wait_for_servers(servers, names=("actions", "rasa")):
    deadline = time.monotonic() + STARTUP_SECONDS
    if "actions" in names:
        wait_until_up("http://127.0.0.1:%d/health" % servers.actions_port, deadline)
    if "rasa" in names:
        wait_until_up("http://127.0.0.1:%d/" % servers.port, deadline)


@contextlib.contextmanager
def started_servers(data_dir, env=None):
    """The action server and the Rasa server on free ports, running from `data_dir`, until the block ends."""
    running = Servers(free_port(), free_port(), log_path=data_dir / "servers.log", env=env).start()
    running.data_dir = data_dir
    try:
        wait_for_servers(running)
        yield running
    finally:
        running.stop()


class Bot:
    def __init__(self, port: int):
        self.url = "http://127.0.0.1:%d/webhooks/rest/webhook" % port

    def send(self, sender: str, message: str):
        return json.loads(self.post(json.dumps({"sender": sender, "message": message}).encode())[1] or b"[]")

    def post(self, body: bytes, timeout: float = 60):
        """(status, body) of a raw POST to the REST channel; an HTTP error status is returned, not raised."""
        request = urllib.request.Request(self.url, data=body, headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def text(self, sender: str, message: str) -> str:
        replies = self.send(sender, message)
        return "\n".join((r.get("text") or "") + "".join("\n[%s]" % b["title"] for b in r.get("buttons") or [])
                         for r in replies)


@pytest.fixture(scope="session")
def servers(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("botdata")
    build(FACTSHEETS_DIR, data_dir / "knowledge.db")
    slack = FakeSlackApi()
    settings = {"BOT_DATA_DIR": str(data_dir), "SLACK_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": SLACK_SECRET,
                "SLACK_API_URL": slack.url, "SLACK_CHANNEL": SLACK_CHANNEL,
                "SLACK_STAFF_CHANNEL": STAFF_ANSWERS_CHANNEL,
                # The suite sends whole conversations at machine speed from one address; the limits
                # themselves are tested with their defaults in test_flood.py.
                "RATE_LIMIT_ADDRESS_PER_MINUTE": "0", "RATE_LIMIT_SENDER_PER_MINUTE": "0"}
    old = {k: os.environ.get(k) for k in (*settings, "KNOWLEDGE_DB", "ACTION_SERVER_URL", "SLACK_CHANNEL",
                                         "SLACK_STAFF_CHANNEL")}
    os.environ.update(settings)
    os.environ.pop("KNOWLEDGE_DB", None)
    os.environ.pop("ACTION_SERVER_URL", None)
    try:
        with started_servers(data_dir) as running:
            running.slack = slack
            yield running
    finally:
        slack.close()
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium driven by Playwright (Playwright's own browser download is not available here).
    One per test file: Playwright's sync API keeps an event loop of its own while it runs."""
    from playwright.sync_api import sync_playwright

    from .widget import CHROMIUM, CHROMIUM_ARGS

    if not os.path.exists(CHROMIUM):
        pytest.fail("Chromium is missing at %s: `make test` installs it (apt-get install chromium)" % CHROMIUM)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def bot(servers):
    return Bot(servers.port)
