#!/bin/sh
# Runs before the container's command (the CMD, or whatever follows the image name in
# `docker container run`), then hands over to it with exec.
set -e

REDIS_HOST="${REDIS_HOST:-redis}"
REDIS_PORT="${REDIS_PORT:-6379}"
REDIS_WAIT="${REDIS_WAIT:-0}"

# Fail at start with one clear line instead of a Python traceback on the first visit.
case "$REDIS_PORT" in
    '' | *[!0-9]*)
        echo "docker-entrypoint.sh: REDIS_PORT must be a port number, got '$REDIS_PORT'" >&2
        exit 64
        ;;
esac
if [ "$REDIS_PORT" -lt 1 ] || [ "$REDIS_PORT" -gt 65535 ]; then
    echo "docker-entrypoint.sh: REDIS_PORT must be between 1 and 65535, got '$REDIS_PORT'" >&2
    exit 64
fi
case "$REDIS_WAIT" in
    '' | *[!0-9]*)
        echo "docker-entrypoint.sh: REDIS_WAIT must be a number of seconds, got '$REDIS_WAIT'" >&2
        exit 64
        ;;
esac

# Logs start with the address the app will use: the first thing to check when it answers 503.
echo "docker-entrypoint.sh: using Redis at $REDIS_HOST:$REDIS_PORT" >&2

# Optional and bounded: Redis may start after this container (docker container run has no
# depends_on), but the app copes without it, so after REDIS_WAIT seconds we start anyway.
# The image has Python but no nc or redis-cli, hence the small Python probe.
waited=0
while [ "$waited" -lt "$REDIS_WAIT" ]; do
    if python -c 'import socket, sys; socket.create_connection((sys.argv[1], int(sys.argv[2])), 1).close()' \
        "$REDIS_HOST" "$REDIS_PORT" 2>/dev/null; then
        echo "docker-entrypoint.sh: Redis answers" >&2
        break
    fi
    sleep 1
    waited=$((waited + 1))
done
if [ "$REDIS_WAIT" -gt 0 ] && [ "$waited" -ge "$REDIS_WAIT" ]; then
    echo "docker-entrypoint.sh: Redis did not answer within ${REDIS_WAIT}s; starting anyway" >&2
fi

# exec replaces this shell with the command, so it becomes PID 1 and receives the SIGTERM
# that docker container stop sends.
exec "$@"
