"""Configuration for running on several machines (deploy/): the nginx site with its servers filled in."""
import re
from pathlib import Path
from typing import Sequence

from core.settings import ROOT

NGINX_TEMPLATE = ROOT / "deploy" / "nginx" / "partnerbot.conf"
SERVER_OPTIONS = "max_fails=1 fail_timeout=10s"


class DeployConfigError(ValueError):
    """A server or listen address nginx would not accept."""


def nginx_site(template: str, listen: "int | str", servers: Sequence[str]) -> str:
    """The template with `listen` and one `server` line per Rasa server (host:port) in place of the
    lines after the `# @listen` and `# @servers` markers."""
    if not servers:
        raise DeployConfigError("at least one Rasa server (host:port) is needed")
    for server in servers:
        if not re.fullmatch(r"[A-Za-z0-9.\-\[\]:]+:\d+", server):
            raise DeployConfigError("not a host:port: %r" % server)
    if not re.fullmatch(r"[A-Za-z0-9.\-\[\]:]*\d+", str(listen)):
        raise DeployConfigError("not a port or address:port: %r" % listen)
    lines, out, skip = template.splitlines(), [], False
    for line in lines:
        if skip:
            skip = False
            continue
        out.append(line)
        marker = line.strip()
        indent = line[:len(line) - len(line.lstrip())]
        if marker.startswith("# @servers"):
            out += ["%sserver %s %s;" % (indent, s, SERVER_OPTIONS) for s in servers]
            skip = True
        elif marker == "# @listen":
            out.append("%slisten %s;" % (indent, listen))
            skip = True
    return "\n".join(out) + "\n"


def nginx_config(listen: "int | str", servers: Sequence[str], template: Path = NGINX_TEMPLATE) -> str:
    return nginx_site(Path(template).read_text(encoding="utf-8"), listen, servers)
