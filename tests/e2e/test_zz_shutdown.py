"""Runs last (files run in name order): stopping is part of what `make run` promises."""
import os

import pytest

pytestmark = pytest.mark.e2e


def test_servers_stop_leaving_no_process(servers):
    servers.stop()
    for proc in servers.processes:
        assert proc.poll() is not None
        with pytest.raises(ProcessLookupError):
            os.killpg(proc.pid, 0)
