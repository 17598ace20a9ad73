"""The working window's pure parts: where turns start, where to cut, what the window holds."""
from bot.tracker_window import StateBefore, cut_point, session_head, turn_starts, window


def action(name, t):
    return {"event": "action", "name": name, "timestamp": t}


def user(text, t):
    return {"event": "user", "text": text, "timestamp": t}


def session(turns):
    """A session: start events, then `turns` turns of user message, slot, bot reply and listen."""
    events = [action("action_session_start", 0), {"event": "session_started", "timestamp": 0},
              action("action_listen", 0)]
    for i in range(1, turns + 1):
        events += [user("vraag %d" % i, i), action("action_answer_question", i),
                   {"event": "slot", "name": "topic", "value": "t%d" % i, "timestamp": i},
                   {"event": "bot", "text": "antwoord %d" % i, "timestamp": i}, action("action_listen", i)]
    return events


def test_turns_start_at_user_messages_after_listening():
    events = session(3)
    assert [events[i]["text"] for i in turn_starts(events)] == ["vraag 1", "vraag 2", "vraag 3"]
    # A user message not preceded by action_listen (e.g. injected mid-turn) starts no turn.
    assert turn_starts([action("x", 0), user("hoi", 0)]) == []


def test_no_cut_until_twice_the_kept_turns():
    assert cut_point(session(20), keep_turns=10) is None
    events = session(21)
    cut = cut_point(events, keep_turns=10)
    assert events[cut]["text"] == "vraag 12"  # the last ten turns stay
    assert cut_point(session(50), keep_turns=0) is None  # 0: the whole session


def test_window_holds_session_head_state_listen_and_last_turns():
    events = session(25)
    cut = cut_point(events, keep_turns=10)
    form = {"event": "active_loop", "name": "partnership_fit_form", "timestamp": 7}
    kept = window(events, cut, StateBefore(slots={"topic": "t15", "fit_goal": 1.0}, active_loop=form, paused=True))
    assert kept[:2] == session_head(events) == events[:2]
    listen_time = events[cut - 1]["timestamp"]
    assert kept[2:6] == [{"event": "slot", "timestamp": listen_time, "name": "topic", "value": "t15"},
                         {"event": "slot", "timestamp": listen_time, "name": "fit_goal", "value": 1.0},
                         form, {"event": "pause", "timestamp": listen_time}]
    assert kept[6] == events[cut - 1] and kept[7:] == events[cut:]
    assert len(turn_starts(kept)) == 10


def test_a_window_of_a_window_is_cut_the_same_way():
    events = session(25)
    first = window(events, cut_point(events, 10), StateBefore(slots={"topic": "t15"}))
    grown = first + session(40)[3 + 25 * 5:]  # fifteen more turns
    again = window(grown, cut_point(grown, 10), StateBefore(slots={"topic": "t30"}))
    assert again[:2] == events[:2]
    assert [e["text"] for e in again if e["event"] == "user"] == ["vraag %d" % i for i in range(31, 41)]
