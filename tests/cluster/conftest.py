"""The cluster of tests/cluster, started once for its tests and stopped (all of it) afterwards.

`make cluster-test` runs these tests alone; `make test` runs them with the rest.
"""
import pytest

from tests.cluster.harness import PROVED, Cluster, proved


def pytest_terminal_summary(terminalreporter):
    if PROVED:
        terminalreporter.section("several nodes: what was shown")
        for line in PROVED:
            terminalreporter.write_line("- " + line)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    running = Cluster(tmp_path_factory.mktemp("cluster"))
    try:
        running.start()
        yield running
    finally:
        left = running.stop()
    assert not left, "left behind after the cluster stopped: %s" % left
    proved("everything the cluster test started was stopped: no port listens, no PostgreSQL directory is left")
