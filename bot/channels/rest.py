"""The REST channel, strict: Rasa's `rest` channel with its input checked before the bot sees it.

POST /webhooks/rest/webhook {"sender": "...", "message": "..."} -> the bot's messages, as Rasa's.
Differences, each for robustness: a body that is not a JSON object, a missing or non-string
sender or message gets 400 (Rasa's channel answers 500 or passes None on); more than 2,000
characters gets 413; control characters are dropped; an empty message gets a Dutch reply
without a bot turn; the client cannot choose the channel name (`input_channel`) that the
question log records; and an error inside the bot is a Dutch apology, never a 5xx.
"""
import logging
import re
from typing import Any, Awaitable, Callable, Text

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request

from bot.channels.messages import EMPTY_REPLY, FAILURE_REPLY, BadRequest, parse_message_request

logger = logging.getLogger(__name__)

SENDER = re.compile(r"^[\w.:@+\-]{1,128}$")


class PartnerbotRestInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        rest = Blueprint("partnerbot_rest", __name__)

        @rest.route("/", methods=["GET"])
        async def health(request: Request):
            return response.json({"status": "ok"})

        @rest.route("/webhook", methods=["POST"])
        async def receive(request: Request):
            try:
                message = parse_message_request(request.body, SENDER)
            except BadRequest as refused:
                return response.json({"error": refused.reason}, status=refused.status)
            if not message.text:
                return response.json([{"recipient_id": message.sender, "text": EMPTY_REPLY}])
            collector = CollectingOutputChannel()
            try:
                await on_new_message(UserMessage(message.text, collector, message.sender,
                                                 input_channel=self.name()))
            except Exception:  # the user gets an apology; the log gets the error, not the message
                logger.exception("rest: the bot failed on a message")
                collector.messages.append({"recipient_id": message.sender, "text": FAILURE_REPLY})
            return response.json(collector.messages)

        return rest
