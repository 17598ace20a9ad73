"""Small helpers for tests that start real servers: free ports, waiting until something answers, a fake
Slack Web API."""
import json
import socket
import time
import urllib.request


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError("nothing listens on port %d" % port)


def wait_until_up(url: str, deadline: float, process=None) -> None:
    """Until `url` answers a GET; fails early when the server's process (if given) has exited."""
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError("the server for %s exited (code %s); see its log" % (url, process.returncode))
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(url)


class FakeSlackApi:
    """Slack's Web API on localhost: records chat.postMessage calls; users.info knows every user as
    "Anna de Vries"."""

    def __init__(self):
        import http.server
        import threading

        self.posts, api = [], self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(length).decode("utf-8")
                if self.path.endswith("/chat.postMessage"):
                    try:
                        body = json.loads(raw)
                    except ValueError:
                        import urllib.parse
                        body = {k: v[0] for k, v in urllib.parse.parse_qs(raw).items()}
                    api.posts.append(body)
                self.reply({"ok": True, "ts": "%.6f" % time.time(), "channel": "C1"})

            def do_GET(self):
                if "/users.info" in self.path:
                    user = {"id": "U1", "name": "anna", "real_name": "Anna de Vries",
                            "profile": {"real_name": "Anna de Vries", "display_name": "anna"}}
                    self.reply({"ok": True, "user": user})
                else:
                    self.reply({"ok": False, "error": "unknown_method"})

            def reply(self, data):
                out = json.dumps(data).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(out)))
                self.end_headers()
                self.wfile.write(out)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d/api/" % self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
