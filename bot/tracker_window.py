"""A conversation's working window: what Rasa processes per message, bounded however long the chat gets.

Per message Rasa rebuilds the tracker from its events, runs the rules over every past state, serialises the
tracker for the action server and walks it again for the question log: all of it grows with the length of
the session (a Slack thread or a training-day chat stays in one session). Partnerbot's rules look at one turn,
the actions at the slots, the latest message and the one before it. So the tracker store hands Rasa a window:

    the session's start events, the state before the window as events (every slot that has been set, the
    active form with its original start event, a pause), the `action_listen` that ended the turn before,
    and the last `keep_turns` turns as they were.

The database keeps every event (the store only appends); the window only decides what is loaded. A window is
cut back to `keep_turns` once it holds twice as many, so the cost per message stays flat.

Pure functions on event dicts; the state before the cut comes from the caller (Rasa's own tracker replay).
"""
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

DEFAULT_KEEP_TURNS = 5
ACTION_LISTEN = "action_listen"
SESSION_START_ACTION = "action_session_start"


@dataclass
class StateBefore:
    """The conversation's state just before the cut: set slots, the active form's start event, paused or not."""
    slots: Dict[str, Any] = field(default_factory=dict)
    active_loop: Optional[Dict[str, Any]] = None
    paused: bool = False


def turn_starts(events: List[Dict[str, Any]]) -> List[int]:
    """Indices of the user messages that start a turn (right after the bot listened)."""
    return [i for i in range(1, len(events))
            if events[i].get("event") == "user" and events[i - 1].get("event") == "action"
            and events[i - 1].get("name") == ACTION_LISTEN]


def cut_point(events: List[Dict[str, Any]], keep_turns: int, slack: int = 2) -> Optional[int]:
    """Where to cut so the last `keep_turns` turns stay, or None while the events hold fewer than
    `slack` x `keep_turns` turns (cutting in steps keeps the cost per message flat)."""
    if keep_turns <= 0:
        return None
    starts = turn_starts(events)
    if len(starts) <= keep_turns * slack:
        return None
    return starts[-keep_turns]


def session_head(events: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """The session's opening events (the session-start action and the session_started event)."""
    head = []
    for event in events:
        if event.get("event") == "user":
            break
        if event.get("event") == "session_started" or (
                event.get("event") == "action" and event.get("name") == SESSION_START_ACTION):
            head.append(event)
    return head


def window(events: List[Dict[str, Any]], cut: int, state: StateBefore) -> List[Dict[str, Any]]:
    """The events from `cut` on, preceded by the session head and the state before `cut` as events."""
    listen = events[cut - 1]
    stamp = listen.get("timestamp")
    restored: List[Dict[str, Any]] = [{"event": "slot", "timestamp": stamp, "name": name, "value": value}
                                      for name, value in state.slots.items()]
    if state.active_loop is not None:
        restored.append(state.active_loop)
    if state.paused:
        restored.append({"event": "pause", "timestamp": stamp})
    return session_head(events[:cut]) + restored + [listen] + list(events[cut:])
