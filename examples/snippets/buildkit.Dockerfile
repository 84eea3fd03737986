# The example app's Dockerfile with three BuildKit features, explained on the site's BuildKit
# page: a build argument that picks the Python version, a cache mount that keeps pip's
# downloads between builds, and a `dev` stage to build with --target.
# Build it from the app's folder: docker image build --file buildkit.Dockerfile .

# --8<-- [start:arg]
# An ARG before the first FROM can only be used in FROM lines.
ARG PYTHON_VERSION=3.14

FROM python:${PYTHON_VERSION}-slim AS app
# --8<-- [end:arg]

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1

WORKDIR /app

RUN groupadd --system --gid 10001 app \
    && useradd --system --no-log-init --uid 10001 --gid app app

COPY requirements.txt .
# pip keeps what it downloads in /root/.cache/pip. The cache mount keeps that folder between
# builds, in the builder and never in the image: after a change to requirements.txt, pip
# downloads only what is new. (--no-cache-dir would throw the cache away.)
# --8<-- [start:cache]
RUN --mount=type=cache,target=/root/.cache/pip \
    pip install --requirement requirements.txt
# --8<-- [end:cache]

COPY --chmod=755 docker-entrypoint.sh /usr/local/bin/
COPY . .

USER 10001:10001
EXPOSE 5000
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --start-interval=1s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:5000/healthz', timeout=2)"]
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["gunicorn", "--bind", "0.0.0.0:5000", "--workers", "2", "--access-logfile", "-", "--no-control-socket", "app:app"]

# --target dev: the same image, running Flask's development server in debug mode, which
# reloads the app when its code changes (with the code mounted or synced into the container).
FROM app AS dev
ENV FLASK_DEBUG=1
CMD ["flask", "--app", "app", "run", "--host", "0.0.0.0", "--port", "5000"]

# A build without --target builds the last stage: the app as it is.
FROM app AS production
