"""Latency and throughput through the REST channel (`make bench`), next to a bare `rasa init` bot.

Absolute times on these shared 2-core machines vary by 2x from run to run, so the bench starts
both bots itself, one after the other on free ports, asks them the same questions, and reports
ours as ratios against the bare bot of the same run:

- one user, 100 questions in one conversation: p50 and p95 latency;
- 20 users at once, 20 questions each: throughput (messages per second) and p95;
- ours also: the first question after a (re)start, against the warm p95, and a training room
  (50 participants x 10 questions);
- conversation length: one user, 300 distinct questions in one conversation; the median latency per
  50 messages and the last window's against the first (what a long Slack thread costs);
- uncached: 20 users x 100 messages, every text distinct, so no cache by text (NLU, embeddings)
  answers any of them; the runs above repeat the question sets and are partly cached.

The bare bot is Rasa's own starter project (`rasa init --no-prompt`: its default pipeline and
policies, trained once into build/bare-bot/). `--url` measures an already running bot instead.
"""
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from pathlib import Path
from typing import Dict, List, Optional

from core.settings import ROOT, knowledge_db_path

QUESTION_FILES = ("dev_qa.jsonl", "extra_qa.jsonl", "everyday_tune.jsonl")
BARE_BOT = ROOT / "build" / "bare-bot"
GOALS = {"p95_ratio": 0.75, "throughput_ratio": 2.5, "first_vs_warm_p95": 2.0, "length_growth": 1.3,
         "uncached_throughput_ratio": 2.5}
WINDOW = 50
STARTUP_SECONDS = 300


def questions() -> List[str]:
    out = []
    for name in QUESTION_FILES:
        path = ROOT / "tests" / "eval" / name
        out += [json.loads(line)["turns"][0] for line in open(path, encoding="utf-8") if line.strip()]
    return out


def distinct(qs: List[str], n: int, tag: str) -> List[str]:
    """n texts none of which was sent before: the questions in turn, each marked with its own number
    (`tag` keeps one run's texts apart from another's)."""
    return ["%s [%s%d]" % (qs[i % len(qs)].rstrip(), tag, i) for i in range(n)]


def send(url: str, sender: str, message: str, timeout: float = 60, need_reply: bool = True) -> float:
    body = json.dumps({"sender": sender, "message": message}).encode()
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=timeout) as response:
        replies = json.loads(response.read() or b"[]")
    if need_reply and not replies:
        raise ValueError("empty reply to %r" % message)
    return time.perf_counter() - started


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def summary(latencies, errors, seconds, count):
    ms = [v * 1000 for v in latencies]
    return {"messages": count, "errors": errors, "seconds": round(seconds, 2),
            "throughput_msg_s": round(count / seconds, 1) if seconds else 0.0,
            "p50_ms": round(statistics.median(ms), 1) if ms else None,
            "p95_ms": round(percentile(ms, 95), 1) if ms else None}


def one_user(url: str, qs: List[str], n: int = 100, need_reply: bool = True) -> dict:
    sender, latencies, errors = "bench-" + uuid.uuid4().hex[:8], [], 0
    started = time.perf_counter()
    for i in range(n):
        try:
            latencies.append(send(url, sender, qs[i % len(qs)], need_reply=need_reply))
        except Exception:
            errors += 1
    return summary(latencies, errors, time.perf_counter() - started, n)


def conversation_length(url: str, qs: List[str], n: int = 300, need_reply: bool = True) -> dict:
    """One conversation of n distinct questions: median latency per WINDOW messages, last against first."""
    sender, latencies, errors = "bench-long-" + uuid.uuid4().hex[:8], [], 0
    for text in distinct(qs, n, "l"):
        try:
            latencies.append(send(url, sender, text, need_reply=need_reply))
        except Exception:
            errors += 1
    medians = [round(1000 * statistics.median(latencies[i:i + WINDOW]), 1)
               for i in range(0, len(latencies) - WINDOW + 1, WINDOW)]
    return {"messages": n, "errors": errors, "median_ms_per_%d" % WINDOW: medians,
            "last_vs_first": round(medians[-1] / medians[0], 2) if medians else None}


def concurrent_users(url: str, qs: List[str], users: int = 20, each: int = 20, texts=None,
                     need_reply: bool = True) -> dict:
    latencies, errors, lock = [], [0], threading.Lock()

    def participant(k: int):
        sender = "bench-%d-%s" % (k, uuid.uuid4().hex[:6])
        for i in range(each):
            try:
                t = send(url, sender, texts[k * each + i] if texts else qs[(k * 7 + i) % len(qs)],
                         need_reply=need_reply)
                with lock:
                    latencies.append(t)
            except Exception:
                with lock:
                    errors[0] += 1

    threads = [threading.Thread(target=participant, args=(k,)) for k in range(users)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return dict(users=users, each=each, **summary(latencies, errors[0], time.perf_counter() - started, users * each))


def measure(url: str, qs: List[str], users: int, each: int, single: int, room: int = 0, room_each: int = 0,
            first: bool = False, length: int = 300, uncached_each: int = 100, need_reply: bool = True) -> dict:
    """need_reply: an empty reply is an error (ours); the starter bot may answer a question it was not trained
    for with nothing, and that is its reply."""
    result: Dict[str, dict] = {}
    if first:
        # The first knowledge question after the server reported ready, before anything else was asked.
        seconds = send(url, "bench-first", qs[0], timeout=120, need_reply=need_reply)
        result["first_question_ms"] = round(1000 * seconds, 1)
    for q in qs[:5]:
        send(url, "bench-warmup", q, timeout=120, need_reply=need_reply)
    result["one_user"] = one_user(url, qs, single, need_reply)
    result["concurrent"] = concurrent_users(url, qs, users, each, need_reply=need_reply)
    if room:
        # A training day: a room of participants asking at the same moment.
        result["training_room"] = concurrent_users(url, qs, room, room_each, need_reply=need_reply)
    if length:
        result["conversation_length"] = conversation_length(url, qs, length, need_reply)
    if uncached_each:
        texts = distinct(qs, users * uncached_each, "u")
        result["uncached"] = concurrent_users(url, qs, users, uncached_each, texts=texts, need_reply=need_reply)
    return result


# --- starting the bots ------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, proc: Optional[subprocess.Popen] = None, seconds: float = STARTUP_SECONDS) -> float:
    """Seconds until GET url answers 200 (the server reports ready)."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError("server exited with %s" % proc.returncode)
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return time.monotonic() - started
        except Exception:
            time.sleep(0.3)
    raise TimeoutError("no answer from %s after %d s" % (url, seconds))


def bench_ours(qs, users, each, single, room, room_each, log, **runs) -> dict:
    from bot.runner import Servers

    port, actions_port = free_port(), free_port()
    knowledge_db = knowledge_db_path()   # the checkout's, before BOT_DATA_DIR points at the bench's own folder
    with tempfile.TemporaryDirectory(prefix="partnerbot-bench-") as data:
        env_before = dict(os.environ)
        os.environ["BOT_DATA_DIR"] = data
        os.environ.pop("KNOWLEDGE_DB", None)
        # The bench measures capacity: its simulated users send at machine speed from one address.
        os.environ.update({"RATE_LIMIT_ADDRESS_PER_MINUTE": "0", "RATE_LIMIT_SENDER_PER_MINUTE": "0"})
        shutil.copy(knowledge_db, Path(data) / "knowledge.db")
        servers = Servers(port, actions_port, log_path=log).start()
        try:
            ready = wait_until_up("http://127.0.0.1:%d/" % port, servers.running["rasa"])
            wait_until_up("http://127.0.0.1:%d/health" % actions_port, servers.running["actions"])
            result = measure("http://127.0.0.1:%d/webhooks/rest/webhook" % port, qs, users, each, single, room,
                             room_each, first=True, **runs)
            result["startup_seconds"] = round(ready, 1)
            return result
        finally:
            servers.stop()
            os.environ.clear()
            os.environ.update(env_before)


def ensure_bare_bot(log) -> Path:
    """Rasa's starter bot, created and trained once (`rasa init --no-prompt`)."""
    models = BARE_BOT / "models"
    if not (models.exists() and any(models.glob("*.tar.gz"))):
        shutil.rmtree(BARE_BOT, ignore_errors=True)
        BARE_BOT.mkdir(parents=True)
        subprocess.run([str(Path(sys.executable).parent / "rasa"), "init", "--no-prompt", "--init-dir",
                        str(BARE_BOT)], cwd=str(BARE_BOT), check=True, stdout=log, stderr=subprocess.STDOUT,
                       env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"})
    return BARE_BOT


def bench_bare(qs, users, each, single, log, **runs) -> dict:
    folder = ensure_bare_bot(log)
    port = free_port()
    proc = subprocess.Popen([str(Path(sys.executable).parent / "rasa"), "run", "--port", str(port)],
                            cwd=str(folder), stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                            env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"})
    try:
        ready = wait_until_up("http://127.0.0.1:%d/" % port, proc)
        result = measure("http://127.0.0.1:%d/webhooks/rest/webhook" % port, qs, users, each, single, **runs,
                         need_reply=False)
        result["startup_seconds"] = round(ready, 1)
        return result
    finally:
        from bot.runner import _stop

        _stop([proc], 15)


def compare(ours: dict, bare: dict) -> dict:
    p95 = ours["one_user"]["p95_ms"] / bare["one_user"]["p95_ms"]
    throughput = ours["concurrent"]["throughput_msg_s"] / bare["concurrent"]["throughput_msg_s"]
    first = ours["first_question_ms"] / ours["one_user"]["p95_ms"]
    out = {
        "one_user_p95_ratio": round(p95, 2), "one_user_p95_goal": "<= %.2f" % GOALS["p95_ratio"],
        "concurrent_throughput_ratio": round(throughput, 2),
        "concurrent_throughput_goal": ">= %.1f" % GOALS["throughput_ratio"],
        "first_question_vs_warm_p95": round(first, 2), "first_question_goal": "<= %.1f" % GOALS["first_vs_warm_p95"],
        "goals_met": p95 <= GOALS["p95_ratio"] and throughput >= GOALS["throughput_ratio"]
        and first <= GOALS["first_vs_warm_p95"],
    }
    if "conversation_length" in ours:
        growth = ours["conversation_length"]["last_vs_first"]
        out.update({"conversation_length_last_vs_first": growth,
                    "bare_conversation_length_last_vs_first": bare["conversation_length"]["last_vs_first"],
                    "conversation_length_goal": "<= %.1f" % GOALS["length_growth"]})
        out["goals_met"] = out["goals_met"] and growth <= GOALS["length_growth"]
    if "uncached" in ours:
        uncached = ours["uncached"]["throughput_msg_s"] / bare["uncached"]["throughput_msg_s"]
        out.update({"uncached_throughput_ratio": round(uncached, 2),
                    "uncached_throughput_goal": ">= %.1f" % GOALS["uncached_throughput_ratio"]})
        out["goals_met"] = (out["goals_met"] and uncached >= GOALS["uncached_throughput_ratio"]
                            and ours["uncached"]["errors"] == 0)
    return out


def run(url: Optional[str] = None, users: int = 20, each: int = 20, single: int = 100, room: int = 50,
        room_each: int = 10, log_path: Optional[Path] = None, length: int = 300, uncached_each: int = 100) -> dict:
    qs = questions()
    runs = {"length": length, "uncached_each": uncached_each}
    if url:
        return measure(url, qs, users, each, single, room, room_each, **runs)
    log_path = Path(log_path or ROOT / "results" / "bench-servers.log")
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "ab") as log:
        ours = bench_ours(qs, users, each, single, room, room_each, log_path, **runs)
        bare = bench_bare(qs, users, each, single, log, **runs)
    return {"partnerbot": ours, "bare_rasa_init": bare, "comparison": compare(ours, bare)}
