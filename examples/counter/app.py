"""Count visits in Redis: the example app that the chapters build, run and connect."""

import html
import os
import socket

import redis
from flask import Flask
from redis.backoff import NoBackoff
from redis.retry import Retry

# The stylesheet lives in public/ rather than Flask's default static/ folder: the sharing-data
# chapter mounts a named volume at /app/public to share it with other containers. The URL
# stays /static/, so the page need not care.
app = Flask(__name__, static_folder="public", static_url_path="/static")

# "redis" is the container name (networking chapter) and the Compose service name, so both
# reach Redis by name on a user-defined network without any setting.
REDIS_HOST = os.environ.get("REDIS_HOST", "redis")
REDIS_PORT = int(os.environ.get("REDIS_PORT", "6379"))

# Short timeouts and no retries: an unreachable Redis must give the visitor a quick 503, not a
# hung page. (redis-py otherwise retries a failed connection three times, with growing pauses:
# several seconds per visit.) The next visit tries again.
store = redis.Redis(
    host=REDIS_HOST,
    port=REDIS_PORT,
    socket_connect_timeout=2,
    socket_timeout=2,
    retry=Retry(NoBackoff(), 0),
)

PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Visit counter</title>
  <link rel="stylesheet" href="/static/main.css">
</head>
<body>
  <main>
    <h1>Hello from Docker</h1>
    <p>This page has been visited <strong id="count">{count}</strong> times.</p>
    <p class="note">Served by container {hostname}.</p>
  </main>
</body>
</html>
"""


# --8<-- [start:counter]
@app.get("/")
def index():
    try:
        # INCR is atomic in Redis, so two containers serving at once never lose a visit.
        count = store.incr("web2_counter")
    except redis.exceptions.RedisError:
        # Keep the app running: Redis may simply not be started yet, and the next request
        # succeeds as soon as it is.
        message = f"Error: cannot reach Redis at {REDIS_HOST}:{REDIS_PORT}.\n"
        return message, 503, {"Content-Type": "text/plain; charset=utf-8"}
    # A container's hostname is its short ID, so the page shows which container answered.
    return PAGE.format(count=count, hostname=html.escape(socket.gethostname()))
# --8<-- [end:counter]


@app.get("/healthz")
def healthz():
    # Deliberately independent of Redis: the HEALTHCHECK asks "is this process serving?",
    # and restarting the app would not fix a missing Redis.
    return "ok\n", 200, {"Content-Type": "text/plain; charset=utf-8"}
