"""`rasa run ...` with Partnerbot's fixes to Rasa applied first (used by the runner).

Two hot spots of Rasa 3.6, measured with py-spy on the REST channel:
- every action-server response is validated with `jsonschema.validate`, which
  checks the schema itself again on each call (over a third of the server's
  CPU per knowledge answer): the validator is now built once;
- loading a tracker resolves each event's class by walking all subclasses of
  `Event` with `inspect` (a quarter of the CPU in a long conversation): the
  name-to-class table is now built once and refreshed when a name is missing.
What is accepted, rejected and deserialised stays exactly the same.

One cache: the NLU result of a text is the same every time (no component of config.yml looks
at the conversation), and on a training day many participants send the same texts (menu
and FAQ buttons, the exercise's questions). The last NLU_CACHE_SIZE (default 2000; 0 turns it
off) distinct texts are kept; each caller gets its own copy.

Ready means ready: the server takes its first message only after the NLU has parsed one
(TensorFlow builds its graph on the first call), the tracker store has connected and the action
response validator is built.

And one for availability: when the action server cannot be reached (down, restarting,
failing), Rasa logs a stack trace and the user gets no reply at all. Now the user gets
`utter_action_server_unavailable` in Dutch; during the fit check the answer just given is
asked for again, so nothing half-validated is kept. The next message tries the action
server again, so the bot recovers by itself once it is back.
"""
import copy
import logging
import os
import sys
from collections import OrderedDict
from functools import lru_cache
from typing import Dict, List


@lru_cache(maxsize=1)
def _action_response_validator():
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def _validate_action_result(self, result) -> bool:
    from jsonschema import ValidationError
    from rasa.shared.constants import DOCS_BASE_URL

    error = next(iter(_action_response_validator().iter_errors(result)), None)
    if error is None:
        return True
    # Same message as Rasa's own check.
    error = ValidationError.create_from(error)
    error.message += (
        ". Failed to validate Action server response from API, make sure your response from the Action "
        "endpoint is valid. For more information about the format visit %s/custom-actions" % DOCS_BASE_URL)
    raise error


_EVENT_TYPES: dict = {}


def _resolve_by_type(type_name, default=None):
    from rasa.shared.core.events import Event
    from rasa.shared.utils.common import all_subclasses

    if type_name not in _EVENT_TYPES:
        for cls in all_subclasses(Event):
            _EVENT_TYPES.setdefault(cls.type_name, cls)
    cls = _EVENT_TYPES.get(type_name)
    if cls is not None:
        return cls
    if type_name == "topic":
        return None  # as Rasa: old TopicSet events
    if default is not None:
        return default
    raise ValueError(f"Unknown event name '{type_name}'.")


def nlu_cache_size() -> int:
    return int(os.environ.get("NLU_CACHE_SIZE") or 2000)


def _cached_parse(parse, size: int):
    cache: "OrderedDict" = OrderedDict()

    def parse_message_with_graph(self, message, tracker, only_output_properties=True):
        key = (message.text, only_output_properties)
        if key in cache:
            cache.move_to_end(key)
            return copy.deepcopy(cache[key])
        parse_data = parse(self, message, tracker, only_output_properties)
        cache[key] = copy.deepcopy(parse_data)
        if len(cache) > size:
            cache.popitem(last=False)
        return parse_data

    parse_message_with_graph.cache = cache
    return parse_message_with_graph


UNAVAILABLE_RESPONSE = "utter_action_server_unavailable"
logger = logging.getLogger("bot.rasa_server")


def _run_or_apologise(run):
    async def run_remote(self, output_channel, nlg, tracker, domain):
        from rasa.core.actions.action import ActionBotResponse, ActionExecutionRejection
        from rasa.shared.core.events import SlotSet
        from rasa.shared.exceptions import RasaException

        try:
            return await run(self, output_channel, nlg, tracker, domain)
        except ActionExecutionRejection:
            raise
        except RasaException as failure:
            logger.error("action %s failed: %s", self.name(), failure)  # one line: no stack trace, no user text
            events = await ActionBotResponse(UNAVAILABLE_RESPONSE).run(output_channel, nlg, tracker, domain)
            requested = tracker.get_slot("requested_slot")
            if self.name().startswith("validate_") and requested:
                events.append(SlotSet(requested, None))  # unvalidated: the form asks this question again
            return events

    return run_remote


WARM_UP_TEXT = "Wat zijn de voordelen van samenwerking?"


def _ready_when_warm(load_agent_on_start):
    """Rasa's model loading at server start, followed by one parse and one tracker-store read: the
    server takes no message before the NLU has run once, so the first question is not the slow one."""
    async def load_and_warm_up(model_path, endpoints, remote_storage, app, loop):
        agent = await load_agent_on_start(model_path, endpoints, remote_storage, app, loop)
        if agent is not None and agent.is_ready():
            await agent.parse_message(WARM_UP_TEXT)
            await agent.tracker_store.retrieve("partnerbot-warm-up")
            _action_response_validator()  # checking the schema itself takes a third of a second
            logger.info("NLU, tracker store and action response check warmed up")
        return agent

    load_and_warm_up.warms_up = True
    return load_and_warm_up


def apply_patches():
    import rasa.core.run

    if not getattr(rasa.core.run.load_agent_on_start, "warms_up", False):
        rasa.core.run.load_agent_on_start = _ready_when_warm(rasa.core.run.load_agent_on_start)
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.events import Event

    RemoteAction._validate_action_result = _validate_action_result
    Event.resolve_by_type = staticmethod(_resolve_by_type)
    if not getattr(RemoteAction.run, "apologises", False):
        RemoteAction.run = _run_or_apologise(RemoteAction.run)
        RemoteAction.run.apologises = True
    from rasa.core.processor import MessageProcessor

    if nlu_cache_size() > 0 and not hasattr(MessageProcessor._parse_message_with_graph, "cache"):
        MessageProcessor._parse_message_with_graph = _cached_parse(MessageProcessor._parse_message_with_graph,
                                                                   nlu_cache_size())


class ApiWithoutToken(SystemExit):
    """Rasa's HTTP API (trackers, model, events) must not run open."""


def server_args(argv: List[str], env: Dict[str, str]) -> List[str]:
    """Rasa's HTTP API is off unless RASA_API_TOKEN is set; then it is on and needs that token.
    The token is added here, inside the process, so that it never shows in the process list."""
    token = (env.get("RASA_API_TOKEN") or "").strip()
    if "--enable-api" in argv and not token:
        raise ApiWithoutToken("--enable-api needs RASA_API_TOKEN: the API would be open to anyone")
    if token and argv[:1] == ["run"]:
        argv = [a for a in argv if a != "--enable-api"] + ["--enable-api", "--auth-token", token]
    return argv


def main(argv=None):
    args = server_args(list(sys.argv[1:] if argv is None else argv), dict(os.environ))
    apply_patches()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *args]
    rasa_main()


if __name__ == "__main__":
    main()
