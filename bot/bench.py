"""Latency and throughput of the running bot through the REST channel (`make bench`)."""
import json
import statistics
import threading
import time
import urllib.request
import uuid
from pathlib import Path
from typing import List

from core.settings import ROOT

QUESTION_FILES = (ROOT.parent / "shared" / "eval" / "dev_qa.jsonl", ROOT / "tests" / "eval" / "extra_qa.jsonl")


def questions() -> List[str]:
    out = []
    for path in QUESTION_FILES:
        if Path(path).exists():
            out += [json.loads(line)["turns"][0] for line in open(path, encoding="utf-8") if line.strip()]
    return out


def send(url: str, sender: str, message: str, timeout: float = 30) -> float:
    body = json.dumps({"sender": sender, "message": message}).encode()
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=timeout) as response:
        replies = json.loads(response.read() or b"[]")
    if not replies:
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


def one_user(url: str, qs: List[str], n: int = 100) -> dict:
    sender, latencies, errors = "bench-" + uuid.uuid4().hex[:8], [], 0
    started = time.perf_counter()
    for i in range(n):
        try:
            latencies.append(send(url, sender, qs[i % len(qs)]))
        except Exception:
            errors += 1
    return summary(latencies, errors, time.perf_counter() - started, n)


def concurrent_users(url: str, qs: List[str], users: int = 20, each: int = 20) -> dict:
    latencies, errors, lock = [], [0], threading.Lock()

    def participant(k: int):
        sender = "bench-%d-%s" % (k, uuid.uuid4().hex[:6])
        for i in range(each):
            try:
                t = send(url, sender, qs[(k * 7 + i) % len(qs)])
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
    return summary(latencies, errors[0], time.perf_counter() - started, users * each)


def run(url: str, users: int = 20, each: int = 20, single: int = 100, room: int = 50, room_each: int = 10) -> dict:
    qs = questions()
    for q in qs[:5]:  # warm-up: model and index load on first use
        send(url, "bench-warmup", q, timeout=120)
    return {"one_user": one_user(url, qs, single),
            "concurrent": dict(users=users, each=each, **concurrent_users(url, qs, users, each)),
            # A training day: a room of participants asking at the same moment.
            "training_room": dict(users=room, each=room_each, **concurrent_users(url, qs, room, room_each))}
