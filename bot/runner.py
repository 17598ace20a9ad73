"""Start the action server and the Rasa server together; stop both on Ctrl-C or SIGTERM.

A server that dies is restarted (after 2, 4, ... up to 30 seconds): conversations are in
the tracker store, so a restart loses nothing, and the Rasa server answers in Dutch while
the action server is away.

Each server runs in its own process group so that stopping it also stops any
worker processes it spawned: nothing is left behind.
"""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List, Optional

from core.settings import ROOT

STOP_GRACE_SECONDS = 10
RESTART_MAX_SECONDS = 30
TICKET_LIFETIME_SECONDS = 20


def server_env(actions_port: int, overrides: Optional[Dict[str, str]] = None) -> dict:
    env = {**os.environ, **(overrides or {})}
    url = env.get("LOCK_STORE_URL")
    if url and "@" in url:
        from urllib.parse import urlsplit

        env.setdefault("LOCK_STORE_PASSWORD", urlsplit(url).password or "")
    if url:
        # A server that dies holds its conversations' turn tickets until they expire: the other
        # servers wait that long for those conversations. A turn takes about a second; Rasa's default
        # lifetime is 60 s.
        env.setdefault("TICKET_LOCK_LIFETIME", str(TICKET_LIFETIME_SECONDS))
    env.setdefault("ACTION_SERVER_URL", "http://127.0.0.1:%d/webhook" % actions_port)
    env.setdefault("RASA_TELEMETRY_ENABLED", "false")
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    env.setdefault("PYTHONPATH", str(ROOT))
    return env


def action_server_cmd(actions_port: int) -> List[str]:
    return [sys.executable, "-m", "bot.action_server", "--port", str(actions_port)]


def rasa_server_cmd(port: int, model: Optional[str] = None, env: Optional[Dict[str, str]] = None) -> List[str]:
    cmd = [sys.executable, "-m", "bot.rasa_server", "run", "--port", str(port), "--endpoints", endpoints_file(env),
           "--credentials", "credentials.yml"]
    if model:
        cmd += ["--model", model]
    return cmd


def lock_store_section(url: str) -> str:
    """endpoints.yml's lock_store for a Redis URL (redis://[:password@]host[:port][/db])."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("redis", "rediss") or not parts.hostname:
        raise ValueError("LOCK_STORE_URL must look like redis://host:6379/1")
    # Rasa's Redis lock store with atomic ticket updates (bot/lock_store.py).
    lines = ["lock_store:", "  type: bot.lock_store.PartnerbotLockStore", "  url: %s" % parts.hostname,
             "  port: %d" % (parts.port or 6379),
             "  db: %s" % (parts.path.strip("/") or "0")]
    if parts.password:
        lines.append("  password: ${LOCK_STORE_PASSWORD}")  # expanded by Rasa from the environment
    if parts.scheme == "rediss":
        lines.append("  use_ssl: true")
    return "\n".join(lines) + "\n"


def endpoints_file(env: Optional[Dict[str, str]] = None) -> str:
    """endpoints.yml, plus a Redis lock store when LOCK_STORE_URL is set (needed for SANIC_WORKERS > 1
    and for several nodes). The combined file is written under BOT_DATA_DIR, never into the repository.
    `env`: the server's environment (default: this process's)."""
    env = os.environ if env is None else env
    url = env.get("LOCK_STORE_URL")
    if not url:
        return "endpoints.yml"
    from core.settings import data_dir

    folder = Path(env["BOT_DATA_DIR"]) if env.get("BOT_DATA_DIR") else data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "endpoints.generated.yml"
    path.write_text((ROOT / "endpoints.yml").read_text(encoding="utf-8") + "\n" + lock_store_section(url),
                    encoding="utf-8")
    return str(path)


class Servers:
    """The two bot processes as one unit: started together, stopped together, each restarted if it dies."""

    NAMES = ("actions", "rasa")

    def __init__(self, port: int, actions_port: int, model: Optional[str] = None, cwd: Path = ROOT,
                 log_path: Optional[Path] = None, env: Optional[Dict[str, str]] = None):
        self.port, self.actions_port, self.model, self.cwd = port, actions_port, model, Path(cwd)
        self.env = dict(env or {})         # settings of this node, over the environment
        self.log_path = log_path           # both servers' output, when not the terminal
        self.running: Dict[str, subprocess.Popen] = {}
        self.processes: List[subprocess.Popen] = []  # every process started, for a clean stop

    def command(self, name: str, env: Dict[str, str]) -> List[str]:
        if name == "actions":
            return action_server_cmd(self.actions_port)
        return rasa_server_cmd(self.port, self.model, env)

    def start(self):
        for name in self.NAMES:
            self.start_one(name)
        return self

    def start_one(self, name: str) -> subprocess.Popen:
        out = open(self.log_path, "ab") if self.log_path else None
        env = server_env(self.actions_port, self.env)
        proc = subprocess.Popen(self.command(name, env), cwd=str(self.cwd), env=env,
                                start_new_session=True, stdout=out, stderr=subprocess.STDOUT if out else None)
        if out:
            out.close()  # the child holds its own copy
        self.running[name] = proc
        self.processes.append(proc)
        return proc

    def stop_one(self, name: str, sig=signal.SIGTERM) -> None:
        proc = self.running.pop(name, None)
        if proc is not None:
            _stop([proc], sig)

    def stop(self):
        _stop(list(self.running.values()), signal.SIGTERM)
        # Worker processes of a server that exited earlier may still hold its group.
        for proc in self.processes:
            _signal_group(proc, signal.SIGKILL)
        self.running.clear()

    def wait(self) -> int:
        """Block until a stop signal arrives, restarting a server that dies meanwhile; then stop both."""
        stopping = []

        def on_signal(signum, _frame):
            stopping.append(signum)

        previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
        restarts = {name: 0 for name in self.NAMES}
        try:
            while not stopping:
                for name, proc in list(self.running.items()):
                    if proc.poll() is None:
                        continue
                    restarts[name] += 1
                    delay = min(RESTART_MAX_SECONDS, 2 ** min(restarts[name], 5))
                    print("partnerbot: the %s server exited (code %s); restarting in %d s"
                          % (name, proc.returncode, delay), file=sys.stderr, flush=True)
                    _signal_group(proc, signal.SIGKILL)  # its workers, if any
                    self._sleep_unless_stopping(delay, stopping)
                    if not stopping:
                        self.start_one(name)
                time.sleep(0.2)
        finally:
            self.stop()
            for s, handler in previous.items():
                signal.signal(s, handler)
        return 0

    @staticmethod
    def _sleep_unless_stopping(seconds: float, stopping: list) -> None:
        deadline = time.monotonic() + seconds
        while not stopping and time.monotonic() < deadline:
            time.sleep(0.1)


def _stop(procs: List[subprocess.Popen], sig) -> None:
    """Signal all, give them STOP_GRACE_SECONDS together, then kill what is left, workers included."""
    for proc in procs:
        _signal_group(proc, sig)
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    for proc in procs:
        try:
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            _signal_group(proc, signal.SIGKILL)
            proc.wait()
        _signal_group(proc, signal.SIGKILL)


def _signal_group(proc: subprocess.Popen, sig):
    try:
        os.killpg(proc.pid, sig)
    except (ProcessLookupError, PermissionError):
        pass
