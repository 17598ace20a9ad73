"""Staff answer unanswered questions in the digest's Slack threads (bot/channels/slack.py + bot/digest.py),
on payloads shaped like Slack's own and against a fake Slack Web API."""
import asyncio
import json

import pytest

from bot.channels.slack import PartnerbotSlackInput
from bot.digest import post_digest
from bot.report import UnansweredGroup
from knowledge.curated import load_answers
from tests import slack_payloads as slack
from tests.servers import FakeSlackApi

STAFF = "C0NCDOSTAF"
QUESTION = "Hoeveel ngo's zijn er in Nederland?"
TEXT = "In Nederland zijn ruim 10.000 goede doelen met een ANBI-status actief."


class Headers(dict):
    def get(self, key, default=None):
        return super().get(key.lower(), default)


class FakeRequest:
    def __init__(self, body):
        self.headers = Headers({"content-type": "application/json"})
        self.body = json.dumps(body).encode()
        self.json = body


@pytest.fixture
def api():
    fake = FakeSlackApi()
    yield fake
    fake.close()


@pytest.fixture
def channel(fresh_data_dir, api, monkeypatch):
    for key, value in {"SLACK_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": "secret", "SLACK_API_URL": api.url,
                       "SLACK_STAFF_CHANNEL": STAFF}.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("SLACK_CHANNEL", raising=False)
    monkeypatch.delenv("LOCK_STORE_URL", raising=False)
    return PartnerbotSlackInput.from_credentials(None)


@pytest.fixture
def thread_ts(channel):
    group = UnansweredGroup(QUESTION, 3, ["Hoeveel goede doelen zijn er in Nederland?"])
    [thread] = post_digest([group], STAFF, lambda channel, text: "1700000000.000100")
    return thread.thread.split(":", 1)[1]


def deliver(channel, event):
    turns = []

    async def on_new_message(message):
        turns.append(message)

    async def run():
        await channel._handle_event(FakeRequest(slack.envelope(event)), on_new_message)
        await asyncio.sleep(0)

    asyncio.run(run())
    return turns


def reply(text, thread_ts, **kwargs):
    return slack.user_message(text, channel=STAFF, channel_type="channel", thread_ts=thread_ts, **kwargs)


def test_a_reply_in_a_digest_thread_becomes_the_answer_for_the_group(channel, api, thread_ts):
    assert deliver(channel, reply("antwoord: " + TEXT, thread_ts)) == []   # not a question to the bot
    [stored] = load_answers()
    assert (stored.question, stored.answer, stored.author) == (QUESTION, TEXT, "Anna de Vries")
    assert stored.wordings == ["Hoeveel goede doelen zijn er in Nederland?"]
    [confirmation] = api.posts
    assert confirmation["thread_ts"] == thread_ts and confirmation["channel"] == STAFF
    assert TEXT in confirmation["text"] and "Bron: Antwoord van NCDO (Anna de Vries, 20" in confirmation["text"]


def test_a_later_reply_replaces_and_verwijder_removes(channel, api, thread_ts):
    deliver(channel, reply("Ongeveer 9.000.", thread_ts))
    deliver(channel, reply(TEXT, thread_ts))
    assert [a.answer for a in load_answers()] == [TEXT]
    deliver(channel, reply("verwijder", thread_ts))
    assert load_answers() == [] and "verwijderd" in api.posts[-1]["text"]


def test_bots_edits_and_repeated_deliveries_create_nothing_twice(channel, api, thread_ts):
    bot = slack.bot_message("antwoord: iets", channel=STAFF)
    bot["thread_ts"] = thread_ts
    deliver(channel, bot)
    edited = slack.message_changed("antwoord: iets anders", channel=STAFF)
    edited["thread_ts"] = thread_ts
    deliver(channel, edited)
    assert load_answers() == []
    once = reply(TEXT, thread_ts)
    deliver(channel, once)
    deliver(channel, once)   # Slack delivered it again
    assert len(load_answers()) == 1 and len(api.posts) == 1


def test_other_threads_of_the_staff_channel_are_not_answers(channel, thread_ts):
    deliver(channel, reply("Wat is sponsoring?", "1700000999.000100"))
    assert load_answers() == []
