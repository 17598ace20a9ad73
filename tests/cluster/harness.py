"""Several nodes on loopback: a real PostgreSQL, Redis and nginx in front of two Rasa servers and one
action server (Cluster), and a client for each server (Node)."""
import json
import os
import shutil
import signal
import socket
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Dict, List, Sequence

from bot.deploy import NGINX_TEMPLATE
from bot.runner import Servers
from core.settings import FACTSHEETS_DIR
from tests.cluster.services import Nginx, Postgres, Redis
from tests.servers import free_port, wait_until_up

STARTUP_SECONDS = 240
PROVED: List[str] = []   # printed at the end of the run: what the cluster tests showed


def proved(line: str) -> None:
    PROVED.append(line)


class Node:
    """One Rasa server as a client sees it: its REST webhook."""

    def __init__(self, name: str, port: int):
        self.name, self.port = name, port
        self.url = "http://127.0.0.1:%d/webhooks/rest/webhook" % port

    def post(self, sender: str, message: str, timeout: float = 60):
        """(HTTP status, replies); an HTTP or connection error is returned as its status (0: no answer)."""
        body = json.dumps({"sender": sender, "message": message}).encode()
        request = urllib.request.Request(self.url, data=body, headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, json.loads(response.read() or b"[]")
        except urllib.error.HTTPError as error:
            return error.code, []
        except OSError:
            return 0, []

    def text(self, sender: str, message: str) -> str:
        status, replies = self.post(sender, message)
        assert status == 200, "%s answered %s to %r" % (self.name, status, message)
        return "\n".join((r.get("text") or "") + "".join("\n[%s]" % b["title"] for b in r.get("buttons") or [])
                         for r in replies)


def listening(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


NO_RATE_LIMITS = {"RATE_LIMIT_ADDRESS_PER_MINUTE": "0", "RATE_LIMIT_SENDER_PER_MINUTE": "0"}


class Cluster:
    def __init__(self, root: Path, nodes: Sequence[str] = ("a", "b")):
        self.root = root
        self.postgres = Postgres()
        self.redis = Redis(root / "redis")
        self.actions_port = free_port()
        self.ports = {name: free_port() for name in nodes}
        self.servers: Dict[str, Servers] = {}
        self.nginx = None

    def node_env(self, name: str) -> Dict[str, str]:
        return {"BOT_DATA_DIR": str(self.root / name), "TRACKER_STORE_URL": self.postgres.url,
                "LOCK_STORE_URL": self.redis.url,
                "ACTION_SERVER_URL": "http://127.0.0.1:%d/webhook" % self.actions_port,
                # Bursts of whole conversations from one test client: what is tested here is fail-over.
                **NO_RATE_LIMITS}

    def start(self) -> "Cluster":
        from knowledge import build

        (self.root / "redis").mkdir(parents=True)
        self.postgres.start()
        self.redis.start()
        # Every node has its own read-only knowledge base, built from the same factsheets.
        first, *others = list(self.ports)
        build(FACTSHEETS_DIR, self.root / first / "knowledge.db")
        for name in others:
            (self.root / name).mkdir()
            shutil.copy(self.root / first / "knowledge.db", self.root / name / "knowledge.db")
        actions = Servers(self.ports[first], self.actions_port, log_path=self.root / "actions.log",
                          env=self.node_env(first))
        actions.start_one("actions")
        self.servers["actions"] = actions
        for name, port in self.ports.items():
            node = Servers(port, self.actions_port, log_path=self.root / ("rasa-%s.log" % name),
                           env=self.node_env(name))
            node.start_one("rasa")
            self.servers[name] = node
        deadline = time.monotonic() + STARTUP_SECONDS
        wait_until_up("http://127.0.0.1:%d/health" % self.actions_port, deadline, actions.running["actions"])
        for name, port in self.ports.items():
            wait_until_up("http://127.0.0.1:%d/" % port, deadline, self.servers[name].running["rasa"])
        self.nginx = Nginx(self.root / "nginx", NGINX_TEMPLATE, list(self.ports.values())).start()
        return self

    def node(self, name: str) -> Node:
        return Node(name, self.ports[name])

    @property
    def balancer(self) -> Node:
        return Node("nginx", self.nginx.port)

    def kill(self, name: str) -> None:
        """Kill a Rasa server outright (SIGKILL), as a crash or a pulled cable would."""
        self.servers[name].stop_one("rasa", signal.SIGKILL)

    def stop(self) -> List[str]:
        """Stop everything; returns what is still running or left on disk afterwards."""
        for part in (self.nginx, *self.servers.values(), self.redis, self.postgres):
            if part is not None:
                part.stop()
        ports = [self.actions_port, self.redis.port, self.postgres.port, *self.ports.values()]
        if self.nginx:
            ports.append(self.nginx.port)
        left = ["port %d" % p for p in ports if listening(p)]
        if self.postgres.root.exists():
            left.append(str(self.postgres.root))
        return left

    def env(self) -> Dict[str, str]:
        """The environment of a command run against the cluster (report, export)."""
        return {**os.environ, "BOT_DB_URL": self.postgres.url, "BOT_DATA_DIR": str(self.root / next(iter(self.ports)))}


def in_parallel(calls) -> list:
    """Run the calls at the same moment (one thread each); their results in order."""
    results = [None] * len(calls)
    barrier = threading.Barrier(len(calls))

    def run(i, call):
        barrier.wait()
        results[i] = call()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results
