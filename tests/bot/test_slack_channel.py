"""The Slack channel in process, on payloads shaped like Slack's own (tests/slack_payloads.py), with and without
SLACK_CHANNEL; and our Block Kit replies, validated with slack_sdk's Block Kit model classes."""
import asyncio
import json

import pytest
from slack_sdk.models.blocks import Block

from bot.channels.slack import PartnerbotSlackBot, PartnerbotSlackInput
from bot.channels.slack_messages import (BUTTONS_PER_BLOCK, SECTION_CHARS, delivery_keys, is_from_a_person,
                                         message_blocks, mrkdwn, split_source)
from tests import slack_payloads as slack

from tests.slack_payloads import STAFF_CHANNEL


class Headers(dict):
    def get(self, key, default=None):
        return super().get(key.lower(), default)


class Form(dict):
    def get(self, key, default=None):
        values = super().get(key)
        return values[0] if values else default


class FakeRequest:
    def __init__(self, body=None, payload=None):
        if payload is not None:
            self.headers = Headers({"content-type": "application/x-www-form-urlencoded"})
            self.form = Form({"payload": [json.dumps(payload)]})
            self.body = b""
        else:
            self.headers = Headers({"content-type": "application/json"})
            self.body = json.dumps(body).encode()
        self.json = body


@pytest.fixture(params=[None, STAFF_CHANNEL], ids=["without SLACK_CHANNEL", "with SLACK_CHANNEL"])
def channel(request, monkeypatch):
    monkeypatch.setenv("SLACK_TOKEN", "xoxb-test")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "secret")
    if request.param:
        monkeypatch.setenv("SLACK_CHANNEL", request.param)
    else:
        monkeypatch.delenv("SLACK_CHANNEL", raising=False)
    return PartnerbotSlackInput.from_credentials(None)


def deliver(channel, body=None, payload=None):
    """Hand one request to the channel; returns the messages that became bot turns."""
    turns = []

    async def on_new_message(message):
        turns.append(message)

    async def run():
        request = FakeRequest(body, payload)
        if payload is not None:
            await channel._handle_interaction(request, on_new_message)
        else:
            await channel._handle_event(request, on_new_message)
        await asyncio.sleep(0)   # process_message hands the turn to a task

    asyncio.run(run())
    return turns


@pytest.mark.parametrize("event", [
    slack.slackbot_dm(), slack.channel_join(), slack.channel_join(user="U0STAFF009"), slack.message_changed("Wat is mecenaat?"),
    slack.message_deleted(), slack.bot_message(), slack.app_message(own=True), slack.app_message(own=False),
], ids=["slackbot DM", "our join", "a colleague's join", "message_changed", "message_deleted", "bot_message",
        "our own message", "another app's message"])
def test_slackbot_apps_and_system_messages_get_no_turn(channel, event):
    assert not is_from_a_person(slack.envelope(event))
    assert deliver(channel, slack.envelope(event)) == []


def test_a_direct_message_is_answered_in_its_thread(channel):
    event = slack.user_message("Wat is sponsoring?")
    [turn] = deliver(channel, slack.envelope(event))
    assert turn.text == "Wat is sponsoring?" and turn.input_channel == "slack"
    assert turn.sender_id == "U0STAFF001_D0STAFF001_%s" % event["ts"]
    assert turn.output_channel.thread_id == event["ts"] and turn.output_channel.slack_channel == "D0STAFF001"


def test_a_reply_sent_to_the_channel_and_a_message_with_a_file_are_people_talking(channel):
    root = slack.now_ts()
    broadcast = slack.thread_broadcast("<@%s> Wat is mecenaat?" % slack.BOT_USER, root, channel=STAFF_CHANNEL)
    assert is_from_a_person(slack.envelope(broadcast))
    assert [t.text for t in deliver(channel, slack.envelope(slack.file_share("Wat staat hierover in de factsheet?")))] \
        == ["Wat staat hierover in de factsheet?"]


def test_a_mention_is_answered_once_whichever_delivery_comes_first(channel):
    mention = slack.app_mention("Wat zijn de risico's?", channel=STAFF_CHANNEL)
    as_message = slack.mention_as_message(mention)
    first = deliver(channel, slack.envelope(mention))
    second = deliver(channel, slack.envelope(as_message))
    assert [t.text for t in first] == ["Wat zijn de risico's?"] and second == []
    assert delivery_keys(slack.envelope(mention))[1] == delivery_keys(slack.envelope(as_message))[1]
    # The other way round: the `message` first (answered in SLACK_CHANNEL, else not ours), then the mention.
    mention2 = slack.app_mention("Wat zijn de voordelen?", channel=STAFF_CHANNEL)
    got = deliver(channel, slack.envelope(slack.mention_as_message(mention2))) + \
        deliver(channel, slack.envelope(mention2))
    assert [t.text for t in got] == ["Wat zijn de voordelen?"]


def test_a_plain_message_in_a_channel_is_answered_only_in_slack_channel(channel):
    event = slack.user_message("Wat is mecenaat?", channel=STAFF_CHANNEL, channel_type="channel")
    turns = deliver(channel, slack.envelope(event))
    assert len(turns) == (1 if channel.slack_channel == STAFF_CHANNEL else 0)
    other = slack.user_message("Wat is mecenaat?", channel="C0RANDOM01", channel_type="channel")
    assert deliver(channel, slack.envelope(other)) == []


def test_the_same_event_id_twice_is_one_turn(channel):
    body = slack.envelope(slack.user_message("Wat is audit?"))
    assert len(deliver(channel, body)) == 1 and deliver(channel, body) == []


def test_each_person_in_a_thread_has_their_own_conversation(channel):
    root = slack.app_mention("Ik wil een fit check doen", user="U0STAFF001", channel=STAFF_CHANNEL)
    [owner] = deliver(channel, slack.envelope(root))
    colleague = slack.app_mention("ja", user="U0STAFF002", channel=STAFF_CHANNEL, thread_ts=root["ts"])
    [other] = deliver(channel, slack.envelope(colleague))
    assert owner.sender_id != other.sender_id and other.output_channel.thread_id == root["ts"]
    click = slack.block_actions("ja", "Ja", user="U0STAFF002", channel=STAFF_CHANNEL, thread_ts=root["ts"])
    [clicked] = deliver(channel, payload=click)
    assert clicked.sender_id == other.sender_id  # the colleague's click is the colleague's conversation
    own_click = slack.block_actions("ja", "Ja", user="U0STAFF001", channel=STAFF_CHANNEL, thread_ts=root["ts"])
    [mine] = deliver(channel, payload=own_click)
    assert mine.sender_id == owner.sender_id and mine.text == "ja" and mine.output_channel.thread_id == root["ts"]


def test_a_click_delivered_twice_is_one_turn(channel):
    click = slack.block_actions("/ask_risks", "Risico's", thread_ts=slack.now_ts())
    assert len(deliver(channel, payload=click)) == 1 and deliver(channel, payload=click) == []


# --- our Block Kit ----------------------------------------------------------------------------
MENU = [{"title": t, "payload": "/" + t.lower()} for t in ("Voordelen", "Risico's", "Samenwerkingsvormen",
                                                              "Succesfactoren", "Een partner vinden", "Fit check")]


def validated(blocks):
    for block in blocks:
        parsed = Block.parse(block)
        parsed.validate_json()
        assert parsed.to_dict() == block
    return blocks


def test_a_menu_of_six_buttons_arrives_as_six_buttons():
    blocks, fallback = message_blocks("Hallo! Kies een onderwerp:", MENU)
    validated(blocks)
    assert [b["type"] for b in blocks] == ["section", "actions"]
    assert [e["text"]["text"] for e in blocks[1]["elements"]] == [b["title"] for b in MENU]
    assert [e["value"] for e in blocks[1]["elements"]] == [b["payload"] for b in MENU]
    assert len({e["action_id"] for e in blocks[1]["elements"]}) == 6 and fallback.startswith("Hallo!")


def test_an_answer_is_mrkdwn_with_its_source_as_context():
    text = "Drie vormen:\n- filantropisch\n- transactioneel <geen> & zo\nBron: NCDO-factsheet \u2013 Inleiding"
    blocks, fallback = message_blocks(text)
    validated(blocks)
    section, context = blocks
    assert section["text"]["type"] == "mrkdwn" and "\u2022 filantropisch" in section["text"]["text"]
    assert "&lt;geen&gt; &amp; zo" in section["text"]["text"]
    assert context == {"type": "context", "elements": [{"type": "mrkdwn", "text": "_Bron: NCDO-factsheet \u2013 Inleiding_"}]}
    assert "Bron:" in fallback and "plain_text" not in json.dumps(blocks)


def test_limits_long_text_many_buttons_long_titles():
    text = "\n".join("regel %d %s" % (i, "woord " * 60) for i in range(30))
    buttons = [{"title": "Knop %d %s" % (i, "x" * 100), "payload": "p%d" % i} for i in range(30)]
    blocks, _ = message_blocks(text, buttons)
    validated(blocks)
    sections = [b for b in blocks if b["type"] == "section"]
    actions = [b for b in blocks if b["type"] == "actions"]
    assert len(sections) >= 2 and all(len(s["text"]["text"]) <= SECTION_CHARS for s in sections)
    assert "".join(s["text"]["text"] for s in sections).count("regel") == 30
    assert [len(a["elements"]) for a in actions] == [BUTTONS_PER_BLOCK, 5]
    assert all(len(e["text"]["text"]) <= 75 for a in actions for e in a["elements"])
    assert len({e["action_id"] for a in actions for e in a["elements"]}) == 30


def test_split_source_and_mrkdwn():
    assert split_source("Antwoord\nBron: X") == ("Antwoord", "Bron: X")
    assert split_source("Geen bron") == ("Geen bron", None)
    assert mrkdwn("- a\n- b") == "\u2022 a\n\u2022 b"


def test_the_output_channel_posts_blocks_in_the_thread():
    posted = []

    class Client:
        async def chat_postMessage(self, **kwargs):
            posted.append(kwargs)

    out = PartnerbotSlackBot("xoxb-test", "D0STAFF001", "1700000000.000100")
    out.client = Client()
    asyncio.run(out.send_text_with_buttons("U0STAFF001", "Kies:", MENU))
    asyncio.run(out.send_text_message("U0STAFF001", "Antwoord\nBron: X \u2013 Y"))
    assert [len(p["blocks"]) for p in posted] == [2, 2] and all(p["thread_ts"] == "1700000000.000100" for p in posted)
    assert posted[0]["blocks"][1]["type"] == "actions" and len(posted[0]["blocks"][1]["elements"]) == 6
    assert posted[1]["text"] == "Antwoord\nBron: X \u2013 Y" and posted[1]["channel"] == "D0STAFF001"
