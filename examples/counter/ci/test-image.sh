#!/bin/sh
# Test an image of the counter app as a visitor would: start it with Redis, on a network of their
# own, and check that the page counts. The CI workflow (.github/workflows/image.yml) runs it
# before it pushes anything; run it yourself the same way: sh ci/test-image.sh web1:test
set -eu

image="${1:?usage: sh ci/test-image.sh IMAGE}"
suffix="test-$$"

# Whatever happens, leave nothing behind (the trap below runs it; shellcheck does not see that).
# shellcheck disable=SC2329
cleanup() {
    docker container rm --force "web1-$suffix" "redis-$suffix" >/dev/null 2>&1 || true
    docker network rm "$suffix" >/dev/null 2>&1 || true
}
trap cleanup EXIT

docker network create "$suffix" >/dev/null
docker container run --detach --name "redis-$suffix" --network "$suffix" --network-alias redis \
    redis:8.10-alpine >/dev/null
# Published on a free port of 127.0.0.1 only, so it never clashes with another app on 5000.
docker container run --detach --name "web1-$suffix" --network "$suffix" --publish 127.0.0.1::5000 \
    "$image" >/dev/null
address=$(docker container port "web1-$suffix" 5000/tcp | head -n 1)

for _ in $(seq 30); do
    if curl --fail --silent "http://$address/" | grep --quiet 'id="count">1<'; then
        echo "test-image.sh: $image counts visits"
        exit 0
    fi
    sleep 1
done
docker container logs "web1-$suffix" >&2
echo "test-image.sh: $image did not show the count 1 within 30 seconds" >&2
exit 1
