"""Slack for NCDO staff: Rasa's Slack connector, configured from the environment and made strict.

Differences from rasa.core.channels.slack.SlackInput, each for a reason in the product:
- configured from SLACK_TOKEN, SLACK_SIGNING_SECRET, SLACK_CHANNEL (and SLACK_API_URL for a
  test double of Slack's Web API); without token and secret the channel stays off;
- a request without a valid signature, or older than five minutes, gets 401 and no bot turn;
- only people are answered: Slackbot, apps and bots (ours included), joins, leaves, edits,
  deletions and other system messages are acknowledged and ignored (slack_messages.is_from_a_person);
- every Slack retry (X-Slack-Retry-Num, for any reason), every event id seen before and every
  message seen before under another event (a mention arrives as `app_mention` and as `message`)
  is acknowledged without a second bot turn;
- each person in each thread is their own conversation, and the bot answers in the thread;
- replies are our own Block Kit (slack_messages.message_blocks): mrkdwn sections, the `Bron:`
  line as a context line, every button (up to 25 per actions block; Rasa's SlackBot drops all
  buttons when there are more than five), and a plain text for notifications.
"""
import json
import logging
import os
import re
from datetime import datetime, timezone
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.slack import SlackBot, SlackInput
from sanic import Blueprint, response
from sanic.request import Request
from slack_sdk.web.async_client import AsyncWebClient

from bot.channels.deliveries import Deliveries
from bot.channels.slack_messages import (bot_user_ids, click_keys, delivery_keys, is_from_a_person,
                                         message_blocks, thread_of_click)

logger = logging.getLogger(__name__)

SLACK_API_URL = "https://slack.com/api/"
REMOVE_WORDS = {"verwijder", "verwijderen", "verwijder het antwoord", "verwijder antwoord"}


class PartnerbotSlackBot(SlackBot):
    """Posts our Block Kit replies to Slack's Web API at SLACK_API_URL, in the conversation's thread."""

    def __init__(self, token: Text, slack_channel: Optional[Text] = None, thread_id: Optional[Text] = None,
                 proxy: Optional[Text] = None, api_url: Text = SLACK_API_URL) -> None:
        super().__init__(token, slack_channel, thread_id, proxy)
        self.client = AsyncWebClient(token, proxy=proxy, base_url=api_url)

    async def post(self, recipient_id: Text, text: Text, buttons=()) -> None:
        blocks, fallback = message_blocks(text, buttons)
        message = {"channel": self.slack_channel or recipient_id, "as_user": True, "text": fallback,
                   "blocks": blocks}
        if self.thread_id:
            message["thread_ts"] = self.thread_id
        await self.client.chat_postMessage(**message)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        await self.post(recipient_id, text)

    async def send_text_with_buttons(self, recipient_id, text, buttons, **kwargs) -> None:
        await self.post(recipient_id, text, buttons)


class PartnerbotSlackInput(SlackInput):
    @classmethod
    def name(cls) -> Text:
        return "slack"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        token = os.environ.get("SLACK_TOKEN") or None
        secret = os.environ.get("SLACK_SIGNING_SECRET") or None
        channel = cls.__new__(cls)
        if not (token and secret):
            # Off: `make run` works without Slack; the webhook answers 404.
            InputChannel.__init__(channel)
            channel.enabled = False
            return channel
        channel.__init__(token, os.environ.get("SLACK_CHANNEL") or None,
                         slack_retry_reason_header="x-slack-retry-reason",
                         slack_retry_number_header="x-slack-retry-num",
                         slack_signing_secret=secret, use_threads=True, conversation_granularity="thread")
        return channel

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.enabled = True
        self.api_url = (os.environ.get("SLACK_API_URL") or SLACK_API_URL).rstrip("/") + "/"
        self._deliveries = Deliveries(os.environ.get("LOCK_STORE_URL") or None)

    def get_output_channel(self, channel: Optional[Text] = None, thread_id: Optional[Text] = None):
        return PartnerbotSlackBot(self.slack_token, channel, thread_id, self.proxy, self.api_url)

    def _first_time(self, keys) -> bool:
        """False when any of these names of one delivery was seen before (on any node); remembers them all."""
        return self._deliveries.first_time(keys)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        slack = Blueprint("partnerbot_slack", __name__)

        @slack.route("/", methods=["GET"])
        async def health(_: Request):
            return response.json({"status": "ok" if self.enabled else "disabled"})

        @slack.route("/webhook", methods=["POST"])
        async def webhook(request: Request):
            if not self.enabled:
                return response.text("Slack is not configured", status=HTTPStatus.NOT_FOUND)
            if not self.is_request_from_slack_authentic(request):
                return response.text("invalid or stale Slack signature", status=HTTPStatus.UNAUTHORIZED)
            if request.headers.get("x-slack-retry-num"):
                # The first delivery is being (or was) answered; a retry must not answer again.
                return response.text("", status=HTTPStatus.OK, headers={"X-Slack-No-Retry": "1"})
            content_type = (request.headers.get("content-type") or "").split(";")[0].strip()
            if content_type == "application/json":
                return await self._handle_event(request, on_new_message)
            if content_type == "application/x-www-form-urlencoded":
                return await self._handle_interaction(request, on_new_message)
            return response.text("unsupported content type", status=HTTPStatus.BAD_REQUEST)

        return slack

    async def _handle_event(self, request: Request, on_new_message):
        try:
            body = json.loads(request.body or b"")
        except ValueError:
            return response.text("body must be JSON", status=HTTPStatus.BAD_REQUEST)
        if not isinstance(body, dict):
            return response.text("body must be a JSON object", status=HTTPStatus.BAD_REQUEST)
        if body.get("type") == "url_verification":
            return response.text(str(body.get("challenge", "")))
        if not is_from_a_person(body):
            return response.text("ignored")
        event = body["event"]
        group = self._digest_group(event)
        if group is not None:
            if self._first_time(delivery_keys(body)):
                await self._take_staff_reply(event, group)
            return response.text("staff answer")
        metadata = self.get_metadata(request)
        if not self._is_supported_channel(body, metadata):
            return response.text("channel not supported")
        if not self._first_time(delivery_keys(body)):
            return response.text("duplicate")
        metadata["users"] = bot_user_ids(body) or metadata.get("users") or []
        conversation = self._get_conversation_id(event.get("user"), metadata.get("out_channel"),
                                                 metadata.get("thread_id"))
        text = self._sanitize_user_message(event.get("text", ""), metadata.get("users") or [])
        return await self.process_message(request, on_new_message, text=text, sender_id=conversation,
                                          metadata=metadata)

    @staticmethod
    def _digest_group(event: Dict[str, Any]):
        """The digest group when this message is a reply in one of its threads in SLACK_STAFF_CHANNEL."""
        staff = os.environ.get("SLACK_STAFF_CHANNEL")
        thread_ts = event.get("thread_ts")
        if not staff or event.get("channel") != staff or not thread_ts or thread_ts == event.get("ts"):
            return None
        from bot.digest import digest_thread

        return digest_thread("%s:%s" % (staff, thread_ts))

    async def _take_staff_reply(self, event: Dict[str, Any], group) -> None:
        """A staff member's reply in a digest thread: the answer for the group's question and wordings
        ('antwoord: ...'; a later reply replaces it), or 'verwijder' to remove it. Confirmed in the thread."""
        from knowledge.curated import remove_answer, save_answer, staff_source

        text = self._sanitize_user_message(event.get("text", ""), [])
        client = AsyncWebClient(self.slack_token, base_url=self.api_url)
        if text.strip().lower().rstrip(".!") in REMOVE_WORDS:
            removed = remove_answer(thread=group.thread)
            reply = ("Het antwoord is verwijderd: de bot beantwoordt deze vraag niet meer." if removed
                     else "Er stond nog geen antwoord bij deze vraag.")
        else:
            answer = re.sub(r"^\s*antwoord\s*:\s*", "", text, flags=re.IGNORECASE).strip()
            if not answer:
                return
            author = await self._display_name(client, event.get("user") or "")
            save_answer(group.question, answer, author, group.wordings, thread=group.thread)
            reply = ("Opgeslagen. Bij deze vraag%s toont de bot voortaan:\n\n%s\n_Bron: %s_\n\n"
                     "Een nieuw antwoord in deze thread vervangt dit; 'verwijder' haalt het weg."
                     % (" (en %d andere formuleringen)" % len(group.wordings) if group.wordings else "",
                        answer, staff_source(author, datetime.now(timezone.utc).isoformat())))
        try:
            await client.chat_postMessage(channel=event["channel"], thread_ts=event["thread_ts"], text=reply)
        except Exception:   # the answer is stored; a lost confirmation must not fail the webhook
            logger.exception("slack: could not confirm a staff answer")

    @staticmethod
    async def _display_name(client: AsyncWebClient, user: str) -> str:
        try:
            info = (await client.users_info(user=user)).get("user") or {}
            profile = info.get("profile") or {}
            return profile.get("real_name") or info.get("real_name") or profile.get("display_name") or user
        except Exception:
            return user or "NCDO"

    async def _handle_interaction(self, request: Request, on_new_message):
        try:
            payload = json.loads(request.form.get("payload") or "")
        except ValueError:
            return response.text("payload must be JSON", status=HTTPStatus.BAD_REQUEST)
        if not self._is_interactive_message(payload):
            return response.text("ignored")
        action = payload["actions"][0]
        text = self._get_interactive_response(action)
        user = (payload.get("user") or {}).get("id")
        if text is None or not user:
            return response.text("ignored")
        if not self._first_time(click_keys(payload)):
            return response.text("duplicate")
        metadata = self.get_metadata(request)
        # The clicker's own conversation in that thread: a colleague's click never answers someone else's check.
        metadata["thread_id"] = thread_of_click(payload) or metadata.get("thread_id")
        metadata["out_channel"] = metadata.get("out_channel") or (payload.get("container") or {}).get("channel_id")
        conversation = self._get_conversation_id(user, metadata.get("out_channel"), metadata.get("thread_id"))
        return await self.process_message(request, on_new_message, text, conversation, metadata)
