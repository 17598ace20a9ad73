"""`make bench`, second part: the several-nodes set-up through nginx, with one and with two Rasa servers.

Both runs start the same cluster as tests/cluster (PostgreSQL, Redis, nginx, one action server) on
this machine and measure through nginx with bot/bench.py's runs (one user; 20 users at once, every
text of the dev questions). The machine's busy CPU time during the 20-user run, divided by the
messages answered, gives the CPU cost of a message (load generator included, so an upper bound);
from it: what 4 and 8 cores could serve if the nodes were spread over them.

    python -m tests.cluster.bench [--users 20] [--each 20] [--single 50]
"""
import argparse
import json
import tempfile
from pathlib import Path

from bot.bench import concurrent_users, one_user, questions, send
from tests.cluster.harness import Cluster


def busy_core_seconds() -> float:
    """CPU time all cores spent not idle since boot (/proc/stat), in seconds."""
    with open("/proc/stat") as stat:
        fields = [int(x) for x in stat.readline().split()[1:]]
    idle = fields[3] + fields[4]   # idle + iowait
    return (sum(fields[:8]) - idle) / 100.0   # USER_HZ is 100 on Linux


def bench_cluster(nodes: int, qs, users: int, each: int, single: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="partnerbot-cluster-bench-") as root:
        cluster = Cluster(Path(root), [chr(ord("a") + i) for i in range(nodes)])
        try:
            cluster.start()
            url = cluster.balancer.url
            for q in qs[:5]:
                send(url, "bench-warmup", q, timeout=120)
            result = {"rasa_servers": nodes, "one_user": one_user(url, qs, single)}
            before = busy_core_seconds()
            result["concurrent"] = concurrent_users(url, qs, users, each)
            answered = users * each - result["concurrent"]["errors"]
            result["cpu_ms_per_message"] = round(1000 * (busy_core_seconds() - before) / max(1, answered), 1)
            return result
        finally:
            cluster.stop()


def estimate(cpu_ms_per_message: float, cores: int) -> float:
    """Messages per second `cores` could serve at the measured CPU cost per message (perfect spread)."""
    return round(cores * 1000 / cpu_ms_per_message, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--each", type=int, default=20)
    parser.add_argument("--single", type=int, default=50)
    args = parser.parse_args()
    qs = questions()
    runs = [bench_cluster(n, qs, args.users, args.each, args.single) for n in (1, 2)]
    cost = min(r["cpu_ms_per_message"] for r in runs)
    report = {
        "through_nginx": runs,
        "two_vs_one_server_throughput": round(runs[1]["concurrent"]["throughput_msg_s"]
                                              / runs[0]["concurrent"]["throughput_msg_s"], 2),
        "estimate_msg_s": {"cpu_ms_per_message": cost, "4_cores": estimate(cost, 4), "8_cores": estimate(cost, 8)},
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
