"""A flooding client for the rate-limit tests: one keep-alive connection sending as fast as it goes.

python -m tests.flood_client PORT SECONDS [--new-sender-each-time] -> prints {"statuses": {...}, "retry_after": [...]}
Alternates the REST and the website channel; no X-Forwarded-For (the connection's address is the client's).
"""
import argparse
import http.client
import json
import time
import uuid

FLOOD_TEXT = "Wat is sponsoring? (flood)"


def flood(port: int, seconds: float, new_sender_each_time: bool) -> dict:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    statuses, retry = {}, set()
    stop = time.monotonic() + seconds
    n = 0
    while time.monotonic() < stop:
        sender = "flood-%d-%s" % (n, uuid.uuid4().hex[:6]) if new_sender_each_time else "flooder-1"
        path = "/webhooks/rest/webhook" if n % 2 else "/webchat/webhook"
        connection.request("POST", path, json.dumps({"sender": sender, "message": FLOOD_TEXT}),
                           {"Content-Type": "application/json"})
        reply = connection.getresponse()
        reply.read()
        statuses[str(reply.status)] = statuses.get(str(reply.status), 0) + 1
        if reply.getheader("Retry-After"):
            retry.add(reply.getheader("Retry-After"))
        n += 1
    return {"statuses": statuses, "retry_after": sorted(retry)}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("seconds", type=float)
    parser.add_argument("--new-sender-each-time", action="store_true")
    args = parser.parse_args()
    print(json.dumps(flood(args.port, args.seconds, args.new_sender_each_time)))
