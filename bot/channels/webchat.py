"""The website chat channel: serves the widget and a demo page, and carries the widget's messages.

Routes (all under /webchat, from the same `rasa run` process):
  GET  /webchat/              demo page with the widget inline
  GET  /webchat/launcher.html demo page with the widget as a chat button bottom-right (data-mode="launcher")
  GET  /webchat/embed.js      the script a web editor embeds (inline into #partnerbot, or the launcher)
  GET  /webchat/deep-chat.js  the deep-chat bundle, installed from npm (never a CDN)
  POST /webchat/webhook       {"sender": "...", "message": "..."} -> the bot's messages
  GET  /webchat/history       ?sender=... -> the conversation so far (for a page reload)

Only configured origins may call the API (WEBCHAT_ORIGINS, comma-separated; default:
the bot's own origin). Messages over 2,000 characters are refused; a client over its rate limit gets
429 with Retry-After (bot/channels/rate_limit.py; the widget says "rustig aan").
"""
import logging
import os
import re
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, List, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request

from bot.channels.messages import BadRequest, parse_message_request
from bot.channels.rest import bot_replies, over_limit
from core.settings import ROOT

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "webchat_static"
DEEP_CHAT_BUNDLE = ROOT / "node_modules" / "deep-chat" / "dist" / "deepChat.bundle.js"
_SENDER_RE = re.compile(r"^[A-Za-z0-9_\-]{8,64}$")


def allowed_origins(request: Request) -> List[str]:
    configured = os.environ.get("WEBCHAT_ORIGINS", "")
    origins = [o.strip().rstrip("/") for o in configured.split(",") if o.strip()]
    own = "%s://%s" % (request.scheme, request.host)
    return origins or [own]


def origin_ok(request: Request) -> bool:
    """Browsers send Origin on cross-site and POST requests; a request without one is not from a foreign page."""
    origin = request.headers.get("origin")
    return origin is None or origin.rstrip("/") in allowed_origins(request)


def cors_headers(request: Request) -> Dict[str, str]:
    origin = request.headers.get("origin")
    if origin and origin_ok(request):
        return {"Access-Control-Allow-Origin": origin, "Vary": "Origin",
                "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                "Access-Control-Allow-Headers": "Content-Type"}
    return {}


def latest_session(events: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """The events from the latest session start on (a session ends after an hour without messages)."""
    starts = [i for i, e in enumerate(events) if e.get("event") == "session_started"]
    return events[starts[-1]:] if starts else events


def history_messages(events: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """User and bot messages of a tracker, oldest first, in the shape the widget shows."""
    out = []
    for e in events:
        if e.get("event") == "user" and e.get("text") and not str(e["text"]).startswith("/"):
            out.append({"role": "user", "text": e["text"]})
        elif e.get("event") == "bot" and (e.get("text") or (e.get("data") or {}).get("buttons")):
            out.append({"role": "bot", "text": e.get("text") or "",
                        "buttons": (e.get("data") or {}).get("buttons") or []})
    return out


class WebchatInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "webchat"

    def url_prefix(self) -> Text:
        return "/webchat"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webchat = Blueprint("webchat", __name__)

        def refuse(request, status: int, message: str):
            return response.json({"error": message}, status=status, headers=cors_headers(request))

        @webchat.route("/", methods=["GET"])
        @webchat.route("/<name:launcher\\.html>", methods=["GET"])
        async def page(request: Request, name: str = "index.html"):
            return await response.file(str(STATIC_DIR / name), mime_type="text/html; charset=utf-8")

        @webchat.route("/<name:(embed\\.js|partnerbot-chat\\.css)>", methods=["GET"])
        async def asset(request: Request, name: str):
            mime = "text/css" if name.endswith(".css") else "application/javascript"
            return await response.file(str(STATIC_DIR / name), mime_type=mime + "; charset=utf-8")

        @webchat.route("/deep-chat.js", methods=["GET"])
        async def bundle(request: Request):
            if not DEEP_CHAT_BUNDLE.exists():
                return response.text("deep-chat is not installed: run `make run`", status=503)
            return await response.file(str(DEEP_CHAT_BUNDLE), mime_type="application/javascript; charset=utf-8")

        @webchat.route("/webhook", methods=["OPTIONS"])
        @webchat.route("/history", methods=["OPTIONS"])
        async def preflight(request: Request):
            if not origin_ok(request):
                return refuse(request, 403, "origin not allowed")
            return response.empty(headers=cors_headers(request))

        @webchat.route("/webhook", methods=["POST"])
        async def receive(request: Request):
            if not origin_ok(request):
                return refuse(request, 403, "origin not allowed")
            refused_by_limit = await over_limit(request, headers=cors_headers(request))
            if refused_by_limit:
                return refused_by_limit
            try:
                message = parse_message_request(request.body, _SENDER_RE)
            except BadRequest as refused:
                return refuse(request, refused.status, refused.reason)
            refused_by_limit = await over_limit(request, message.sender, cors_headers(request))
            if refused_by_limit:
                return refused_by_limit
            replies = await bot_replies(message, on_new_message, self.name())
            return response.json(replies, headers=cors_headers(request))

        @webchat.route("/history", methods=["GET"])
        async def history(request: Request):
            if not origin_ok(request):
                return refuse(request, 403, "origin not allowed")
            refused_by_limit = await over_limit(request, headers=cors_headers(request), page=True)
            if refused_by_limit:
                return refused_by_limit
            sender = request.args.get("sender", "")
            if not _SENDER_RE.match(sender):
                return refuse(request, 400, "sender must be 8-64 letters, digits, - or _")
            store = getattr(request.app.ctx.agent, "tracker_store", None)
            # The full tracker: retrieve() gives the bounded window a message works on (bot/tracker_window.py).
            tracker = await store.retrieve_full_tracker(sender) if store else None
            events = latest_session([e.as_dict() for e in tracker.events] if tracker else [])
            return response.json({"messages": history_messages(events)}, headers=cors_headers(request))

        return webchat
