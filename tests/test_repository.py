"""The repository holds no secrets and no build output: secrets come only from the environment."""
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

SECRET_PATTERNS = {
    "Slack token": re.compile(r"xox[abposr]-[0-9A-Za-z-]{10,}"),
    "Slack webhook": re.compile(r"hooks\.slack\.com/services/T[0-9A-Z]+/B[0-9A-Z]+/[0-9A-Za-z]+"),
    "AWS access key": re.compile(r"\b(AKIA|ASIA)[0-9A-Z]{16}\b"),
    "GitHub token": re.compile(r"\b(ghp|gho|ghu|ghs|ghr)_[0-9A-Za-z]{36}\b|github_pat_[0-9A-Za-z_]{40,}"),
    "OpenAI-style key": re.compile(r"\bsk-[0-9A-Za-z]{32,}\b"),
    "private key": re.compile(r"-----BEGIN (RSA |EC |OPENSSH |DSA )?PRIVATE KEY-----"),
    # Placeholders in examples ('user:password@', 'bot:secret@', '${...}') are not secrets.
    "password in a URL": re.compile(
        r"\b(postgres(ql)?|mysql|redis|amqp)://[^:\s/]+:(?!(secret|pass|password|<[^>@]*>)@|\$\{)[^@\s]{4,}@"),
    "hard-coded secret setting": re.compile(
        r"""(?i)\b(slack_token|signing_secret|auth_token|api_token|password)\s*[:=]\s*["'][^"'\s${}]{12,}["']"""),
}


def tracked_files():
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    return [ROOT / name for name in listed.decode().split("\0") if name]


@pytest.mark.parametrize("kind,pattern", SECRET_PATTERNS.items(), ids=list(SECRET_PATTERNS))
def test_no_tracked_file_holds_a_secret(kind, pattern):
    found = []
    for path in tracked_files():
        if not path.is_file() or path.stat().st_size > 2_000_000:
            continue
        text = path.read_bytes().decode("utf-8", errors="ignore")
        found += ["%s:%d" % (path.relative_to(ROOT), text[:m.start()].count("\n") + 1) for m in pattern.finditer(text)]
    assert not found, "%s in %s" % (kind, ", ".join(found))


def test_the_patterns_find_what_they_are_for():
    fake = {"Slack token": "xoxb-" + "1234567890-abcdefghij", "AWS access key": "AKIA" + "ABCDEFGHIJKLMNOP",
            "private key": "-----BEGIN " + "PRIVATE KEY-----",
            "password in a URL": "postgresql://bot:" + "hunter22@db/partnerbot",
            "hard-coded secret setting": "SLACK_TOKEN = '" + "abcdefghijklmnop'"}
    for kind, sample in fake.items():
        assert SECRET_PATTERNS[kind].search(sample), kind


def test_no_runtime_state_or_build_output_is_tracked():
    names = [str(p.relative_to(ROOT)) for p in tracked_files()]
    assert not [n for n in names if n.startswith((".venv/", "models/", "node_modules/", "var/", "build/"))
                or n.endswith((".db", ".db-wal", ".tar.gz", ".env"))]
