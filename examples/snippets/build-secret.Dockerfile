# The example app's Dockerfile, with pip reading its configuration from a build secret: for
# example the address of a private package index, with its password. See "Security basics".
FROM python:3.14-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1

WORKDIR /app

RUN groupadd --system --gid 10001 app \
    && useradd --system --no-log-init --uid 10001 --gid app app

COPY requirements.txt .
# --8<-- [start:secret]
# The secret pip_conf appears at /etc/pip.conf, where pip looks for its configuration, during
# this RUN only: it is in no layer and no build record. Without the secret the file is simply
# not there, and pip installs from PyPI as usual.
RUN --mount=type=secret,id=pip_conf,target=/etc/pip.conf \
    pip install --no-cache-dir --requirement requirements.txt
# --8<-- [end:secret]

COPY --chmod=755 docker-entrypoint.sh /usr/local/bin/
COPY . .

USER 10001:10001
EXPOSE 5000
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --start-interval=1s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:5000/healthz', timeout=2)"]
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["gunicorn", "--bind", "0.0.0.0:5000", "--workers", "2", "--access-logfile", "-", "--no-control-socket", "app:app"]
