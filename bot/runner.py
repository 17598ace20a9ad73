"""Start the action server and the Rasa server together; stop both on Ctrl-C or SIGTERM.

Each server runs in its own process group so that stopping it also stops any
worker processes it spawned: nothing is left behind.
"""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import List, Optional

from bot.settings import ROOT

STOP_GRACE_SECONDS = 10


def venv_bin(name: str) -> str:
    return str(Path(sys.executable).parent / name)


def server_env(actions_port: int) -> dict:
    env = dict(os.environ)
    env.setdefault("ACTION_SERVER_URL", "http://127.0.0.1:%d/webhook" % actions_port)
    env.setdefault("RASA_TELEMETRY_ENABLED", "false")
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    env.setdefault("PYTHONPATH", str(ROOT))
    return env


def action_server_cmd(actions_port: int) -> List[str]:
    return [venv_bin("rasa"), "run", "actions", "--actions", "actions", "--port", str(actions_port)]


def rasa_server_cmd(port: int, model: Optional[str] = None) -> List[str]:
    cmd = [sys.executable, "-m", "bot.rasa_server", "run", "--port", str(port), "--endpoints", "endpoints.yml",
           "--credentials", "credentials.yml"]
    if model:
        cmd += ["--model", model]
    return cmd


class Servers:
    """The two bot processes as one unit."""

    def __init__(self, port: int, actions_port: int, model: Optional[str] = None, cwd: Path = ROOT):
        self.port, self.actions_port, self.model, self.cwd = port, actions_port, model, Path(cwd)
        self.processes: List[subprocess.Popen] = []

    def start(self):
        env = server_env(self.actions_port)
        for cmd in (action_server_cmd(self.actions_port), rasa_server_cmd(self.port, self.model)):
            self.processes.append(subprocess.Popen(cmd, cwd=str(self.cwd), env=env, start_new_session=True))
        return self

    def stop(self):
        for proc in self.processes:
            _signal_group(proc, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for proc in self.processes:
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                _signal_group(proc, signal.SIGKILL)
                proc.wait()
        # Worker processes of a server that exited first may still hold its group.
        for proc in self.processes:
            _signal_group(proc, signal.SIGKILL)

    def wait(self) -> int:
        """Block until a server exits or a stop signal arrives; then stop both."""
        stopping = []

        def on_signal(signum, _frame):
            stopping.append(signum)

        previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
        try:
            while not stopping:
                if any(p.poll() is not None for p in self.processes):
                    break
                time.sleep(0.2)
        finally:
            self.stop()
            for s, handler in previous.items():
                signal.signal(s, handler)
        return 0 if stopping else 1


def _signal_group(proc: subprocess.Popen, sig):
    try:
        os.killpg(proc.pid, sig)
    except (ProcessLookupError, PermissionError):
        pass
