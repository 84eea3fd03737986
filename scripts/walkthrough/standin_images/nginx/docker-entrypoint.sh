#!/bin/sh
# The entrypoint of the walkthrough's stand-in for nginx:1.30-alpine (scripts/walkthrough/standins.py).
# Written for this project: like the official image's, it runs the set-up scripts of
# /docker-entrypoint.d before nginx starts (*.sh run, *.envsh are read into this shell so that
# what they export reaches nginx), printing one line for each step, which
# NGINX_ENTRYPOINT_QUIET_LOGS silences; any other command runs as it is.
set -e

SETUP=/docker-entrypoint.d

say() {
    [ -n "${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ] || echo "$0: $*"
}

case "$1" in
    nginx | nginx-debug) ;;
    *) exec "$@" ;;
esac

# In version order (9-… before 10-…), following links, as the official image does.
scripts="$(find "$SETUP/" -follow -type f 2>/dev/null | sort -V)"
if [ -z "$scripts" ]; then
    say "No files found in $SETUP/, skipping configuration"
    exec "$@"
fi

say "$SETUP/ is not empty, will attempt to perform configuration"
say "Looking for shell scripts in $SETUP/"
# A here-document, not a pipe: the loop must run in this shell for *.envsh to export anything.
while IFS= read -r script; do
    case "$script" in
        *.envsh | *.sh)
            if [ ! -x "$script" ]; then
                say "Ignoring $script, not executable"
            elif [ "${script%.envsh}" != "$script" ]; then
                say "Sourcing $script"
                # shellcheck source=/dev/null
                . "$script"
            else
                say "Launching $script"
                "$script"
            fi
            ;;
        *) say "Ignoring $script" ;;
    esac
done <<EOF
$scripts
EOF
say "Configuration complete; ready for start up"

exec "$@"
