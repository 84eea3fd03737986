# Two variants of the example image whose CMD is in shell form, to time docker container stop
# (docs/entrypoint.md). Build one with --target. In shell form, Docker runs the command as
# /bin/sh -c "...": the shell stays the container's main process (PID 1), the program its child.

# Gunicorn, which handles SIGTERM, behind a shell that does not pass the signal on.
FROM web1 AS gunicorn-shell
CMD gunicorn --bind 0.0.0.0:5000 --workers 2 --access-logfile - --no-control-socket app:app

# Flask's development server, which has no SIGTERM handler of its own.
FROM web1 AS flask-shell
CMD flask --app app run --host 0.0.0.0
