"""The REST channel, strict: Rasa's `rest` channel with its input checked before the bot sees it.

POST /webhooks/rest/webhook {"sender": "...", "message": "..."} -> the bot's messages, as Rasa's.
Differences, each for robustness: a body that is not a JSON object, a missing or non-string
sender or message gets 400 (Rasa's channel answers 500 or passes None on); more than 2,000
characters gets 413; control characters are dropped; an empty message gets a Dutch reply
without a bot turn; the client cannot choose the channel name (`input_channel`) that the
question log records; an error inside the bot is a Dutch apology, never a 5xx; and a client over its
rate limit gets 429 with Retry-After before the bot sees anything (bot/channels/rate_limit.py).
"""
import asyncio
import logging
import re
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request

from bot.channels.messages import (EMPTY_REPLY, FAILURE_REPLY, BadRequest, IncomingMessage,
                                   parse_message_request)
from bot.channels.rate_limit import SLOW_DOWN, pacing_delay, refusal_delay, retry_after, shared_limiter

logger = logging.getLogger(__name__)

SENDER = re.compile(r"^[\w.:@+\-]{1,128}$")


async def bot_replies(message: IncomingMessage, on_new_message: Callable[[UserMessage], Awaitable[Any]],
                      channel: Text) -> List[Dict[str, Any]]:
    """The bot's messages for a checked message: a Dutch reply to an empty one, an apology if the bot fails
    (the log gets the error, not the message)."""
    if not message.text:
        return [{"recipient_id": message.sender, "text": EMPTY_REPLY}]
    collector = CollectingOutputChannel()
    try:
        await on_new_message(UserMessage(message.text, collector, message.sender, input_channel=channel))
    except Exception:
        logger.exception("%s: the bot failed on a message", channel)
        collector.messages.append({"recipient_id": message.sender, "text": FAILURE_REPLY})
    return collector.messages


async def over_limit(request: Request, sender: Optional[str] = None, headers: Optional[Dict[str, str]] = None,
                     page: bool = False):
    """A 429 response if the client's address (or, given one, the sender id; or for a page load, the address's
    page budget) is over its rate limit, else None. A message within the limit may be held a little, a refusal
    up to a second (see bot/channels/rate_limit.py)."""
    limiter = shared_limiter()
    if sender is None:
        buckets = limiter.pages if page else limiter.addresses
        key = limiter.client(request.ip, request.headers.get("x-forwarded-for"))
    else:
        buckets, key = limiter.senders, sender
    wait = buckets.take(key)
    if not wait:
        pause = pacing_delay(buckets.level(key), start=0.5 if sender else 1.0)
        if pause:
            await asyncio.sleep(pause)
        return None
    await refusal_delay.pause(wait)
    seconds = retry_after(wait)
    return response.json({"error": "too many messages", "message": SLOW_DOWN, "retry_after": int(seconds)},
                         status=429, headers={"Retry-After": seconds, **(headers or {})})


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
            refused_by_limit = await over_limit(request)
            if refused_by_limit:
                return refused_by_limit
            try:
                message = parse_message_request(request.body, SENDER)
            except BadRequest as refused:
                return response.json({"error": refused.reason}, status=refused.status)
            refused_by_limit = await over_limit(request, message.sender)
            if refused_by_limit:
                return refused_by_limit
            return response.json(await bot_replies(message, on_new_message, self.name()))

        return rest
