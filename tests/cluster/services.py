"""Real PostgreSQL, Redis and nginx on loopback, in temporary directories, for the several-nodes tests.

Each service takes a free port and a directory of its own, and `stop()` leaves nothing running.
The binaries come from Debian's packages (`make cluster-test` installs them when missing).
PostgreSQL refuses to run as root: as root, it runs as the `postgres` user the package creates.
"""
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import List, Optional, Sequence

from tests.servers import free_port, wait_for_port

PG_BIN_DIRS = ["/usr/lib/postgresql/15/bin", "/usr/local/bin", "/usr/bin"]


def pg_binary(name: str) -> str:
    for folder in PG_BIN_DIRS:
        path = Path(folder) / name
        if path.exists():
            return str(path)
    raise FileNotFoundError("%s not found (Debian: apt-get install postgresql)" % name)


class Postgres:
    """A throw-away PostgreSQL cluster in its own temporary directory (removed by `stop`): trust
    authentication, on 127.0.0.1 only."""

    def __init__(self, database: str = "partnerbot"):
        # Not under pytest's tmp_path: as root, the server runs as `postgres`, who cannot enter it.
        self.root = Path(tempfile.mkdtemp(prefix="partnerbot-postgres-"))
        self.dir = self.root / "data"
        self.log = self.root / "postgres.log"
        self.port = free_port()
        self.database = database
        self.as_user: List[str] = []
        if os.geteuid() == 0:
            self.as_user = ["runuser", "-u", "postgres", "--"]
            user = pwd.getpwnam("postgres")
            os.chown(self.root, user.pw_uid, user.pw_gid)
        self.url = "postgresql://postgres@127.0.0.1:%d/%s" % (self.port, database)

    def _run(self, *cmd: str) -> None:
        done = subprocess.run(self.as_user + list(cmd), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if done.returncode:
            raise RuntimeError("%s failed: %s" % (" ".join(cmd[:2]), done.stderr.decode(errors="replace")[-800:]))

    def start(self) -> "Postgres":
        if not self.dir.exists():
            self._run(pg_binary("initdb"), "-D", str(self.dir), "--auth=trust", "--username=postgres",
                      "--encoding=UTF8", "--no-sync")
        self._pg_ctl("start", "-w", "-l", str(self.log), "-o",
                     "-p %d -c listen_addresses=127.0.0.1 -c unix_socket_directories='%s' -c fsync=off"
                     % (self.port, self.dir))
        self._ensure_database()
        return self

    def _pg_ctl(self, *args: str) -> None:
        self._run(pg_binary("pg_ctl"), "-D", str(self.dir), *args)

    def _ensure_database(self) -> None:
        import psycopg2

        conn = psycopg2.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="postgres")
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute("select 1 from pg_database where datname = %s", [self.database])
            if not cur.fetchone():
                cur.execute('create database "%s"' % self.database)
        conn.close()

    def stop(self) -> None:
        """Stop the server and remove its directory."""
        try:
            if (self.dir / "postmaster.pid").exists():
                self._pg_ctl("stop", "-w", "-m", "fast")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def restart(self) -> None:
        self._pg_ctl("restart", "-w", "-m", "fast", "-l", str(self.log))


class Redis:
    """redis-server without persistence."""

    def __init__(self, root: Path):
        self.port = free_port()
        self.url = "redis://127.0.0.1:%d/1" % self.port
        self.dir = Path(root)
        self.process: Optional[subprocess.Popen] = None

    def start(self) -> "Redis":
        binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.dir)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        wait_for_port(self.port)
        return self

    def stop(self) -> None:
        _terminate(self.process)


NGINX_CONF = """\
{user}worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log {dir}/access.log;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
{site}
}}
"""


class Nginx:
    """nginx with the deploy/ site configuration, its upstream servers filled in."""

    def __init__(self, root: Path, site_template: Path, upstreams: Sequence[int]):
        self.dir = Path(root)
        self.port = free_port()
        self.upstreams = list(upstreams)
        self.site_template = Path(site_template)
        self.process: Optional[subprocess.Popen] = None

    def config(self) -> str:
        from bot.deploy import nginx_site

        site = nginx_site(self.site_template.read_text(encoding="utf-8"), self.port,
                          ["127.0.0.1:%d" % p for p in self.upstreams])
        # As root, workers would switch to `nobody`, who cannot write the private temp directory.
        user = "user root;\n" if os.geteuid() == 0 else ""
        return NGINX_CONF.format(user=user, dir=self.dir, site="\n".join("    " + line for line in site.splitlines()))

    def start(self) -> "Nginx":
        self.dir.mkdir(parents=True, exist_ok=True)
        conf = self.dir / "nginx.conf"
        conf.write_text(self.config(), encoding="utf-8")
        binary = shutil.which("nginx") or "/usr/sbin/nginx"
        self.process = subprocess.Popen([binary, "-c", str(conf), "-p", str(self.dir), "-g", "daemon off;"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        wait_for_port(self.port)
        return self

    def stop(self) -> None:
        _terminate(self.process)


def _terminate(process: Optional[subprocess.Popen]) -> None:
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass
