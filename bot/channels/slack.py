"""Slack for NCDO staff: Rasa's Slack connector, configured from the environment and made strict.

Differences from rasa.core.channels.slack.SlackInput, each for a reason in the product:
- configured from SLACK_TOKEN, SLACK_SIGNING_SECRET, SLACK_CHANNEL (and SLACK_API_URL for a
  test double of Slack's Web API); without token and secret the channel stays off;
- a request without a valid signature, or older than five minutes, gets 401 and no bot turn;
- every Slack retry (X-Slack-Retry-Num, for any reason) and every event id seen before is
  acknowledged without a second bot turn;
- each thread is its own conversation, and the bot answers in the thread;
- answers are formatted for Slack: list items as bullets, the `Bron:` line in italics.
"""
import json
import logging
import os
import re
from collections import OrderedDict
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.slack import SlackBot, SlackInput
from sanic import Blueprint, response
from sanic.request import Request
from slack_sdk.web.async_client import AsyncWebClient

logger = logging.getLogger(__name__)

SLACK_API_URL = "https://slack.com/api/"
_SEEN_EVENTS = 2000


def slack_text(text: str) -> str:
    """Our plain answer text in Slack's mrkdwn: bullets for list items, the source in italics."""
    lines = []
    for line in (text or "").split("\n"):
        if line.startswith("- "):
            line = "\u2022 " + line[2:]
        elif line.startswith("Bron: "):
            line = "_%s_" % line.replace("_", " ")
        lines.append(line)
    return "\n".join(lines)


class PartnerbotSlackBot(SlackBot):
    """Posts to Slack's Web API at SLACK_API_URL, in the conversation's thread."""

    def __init__(self, token: Text, slack_channel: Optional[Text] = None, thread_id: Optional[Text] = None,
                 proxy: Optional[Text] = None, api_url: Text = SLACK_API_URL) -> None:
        super().__init__(token, slack_channel, thread_id, proxy)
        self.client = AsyncWebClient(token, proxy=proxy, base_url=api_url)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        await super().send_text_message(recipient_id, slack_text(text), **kwargs)

    async def send_text_with_buttons(self, recipient_id, text, buttons, **kwargs) -> None:
        await super().send_text_with_buttons(recipient_id, slack_text(text), buttons, **kwargs)


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
        self._seen: "OrderedDict[str, None]" = OrderedDict()

    def get_output_channel(self, channel: Optional[Text] = None, thread_id: Optional[Text] = None):
        return PartnerbotSlackBot(self.slack_token, channel, thread_id, self.proxy, self.api_url)

    def _first_time(self, event_id: Optional[str]) -> bool:
        if not event_id:
            return True
        if event_id in self._seen:
            return False
        self._seen[event_id] = None
        while len(self._seen) > _SEEN_EVENTS:
            self._seen.popitem(last=False)
        return True

    @staticmethod
    def _from_a_bot(event: Dict[str, Any]) -> bool:
        return bool(event.get("bot_id") or event.get("subtype") in ("bot_message", "message_changed",
                                                                    "message_deleted"))

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
        event = body.get("event") or {}
        if not isinstance(event, dict) or self._from_a_bot(event) or not self._is_user_message(body):
            return response.text("ignored")
        if not self._first_time(body.get("event_id")):
            return response.text("duplicate")
        metadata = self.get_metadata(request)
        if not self._is_supported_channel(body, metadata):
            return response.text("channel not supported")
        conversation = self._get_conversation_id(event.get("user"), metadata.get("out_channel"),
                                                 metadata.get("thread_id"))
        text = self._sanitize_user_message(event.get("text", ""), metadata.get("users") or [])
        return await self.process_message(request, on_new_message, text=text, sender_id=conversation,
                                          metadata=metadata)

    async def _handle_interaction(self, request: Request, on_new_message):
        try:
            payload = json.loads(request.form.get("payload") or "")
        except ValueError:
            return response.text("payload must be JSON", status=HTTPStatus.BAD_REQUEST)
        if not self._is_interactive_message(payload):
            return response.text("ignored")
        action = payload["actions"][0]
        text = self._get_interactive_response(action)
        if text is None:
            return response.text("ignored")
        if not self._first_time("%s:%s" % (payload.get("trigger_id"), action.get("action_ts"))):
            return response.text("duplicate")
        metadata = self.get_metadata(request)
        conversation = self._get_conversation_id(payload["user"]["id"], metadata.get("out_channel"),
                                                 metadata.get("thread_id"))
        return await self.process_message(request, on_new_message, text, conversation, metadata)
