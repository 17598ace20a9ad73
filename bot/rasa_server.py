"""`rasa run ...` with Partnerbot's fixes to Rasa applied first (used by the runner).

Two hot spots of Rasa 3.6, measured with py-spy on the REST channel:
- every action-server response is validated with `jsonschema.validate`, which
  checks the schema itself again on each call (over a third of the server's
  CPU per knowledge answer): the validator is now built once;
- loading a tracker resolves each event's class by walking all subclasses of
  `Event` with `inspect` (a quarter of the CPU in a long conversation): the
  name-to-class table is now built once and refreshed when a name is missing.
What is accepted, rejected and deserialised stays exactly the same.
"""
import sys
from functools import lru_cache


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


def apply_patches():
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.events import Event

    RemoteAction._validate_action_result = _validate_action_result
    Event.resolve_by_type = staticmethod(_resolve_by_type)


def main(argv=None):
    apply_patches()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *(sys.argv[1:] if argv is None else argv)]
    rasa_main()


if __name__ == "__main__":
    main()
