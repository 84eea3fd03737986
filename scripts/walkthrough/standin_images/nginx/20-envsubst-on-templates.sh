#!/bin/sh
# A set-up script of the walkthrough's nginx stand-in, written for this project: like the official
# image, it turns every *.template file under /etc/nginx/templates into a file of the same name
# without the suffix under /etc/nginx/conf.d, with ${VARIABLE} replaced by the value of each
# variable the container has (others are left as written, so nginx's own $host stays).
# NGINX_ENVSUBST_TEMPLATE_DIR, NGINX_ENVSUBST_TEMPLATE_SUFFIX and NGINX_ENVSUBST_OUTPUT_DIR move them.
set -e

name="$(basename "$0")"
templates="${NGINX_ENVSUBST_TEMPLATE_DIR:-/etc/nginx/templates}"
suffix="${NGINX_ENVSUBST_TEMPLATE_SUFFIX:-.template}"
output="${NGINX_ENVSUBST_OUTPUT_DIR:-/etc/nginx/conf.d}"

say() {
    [ -n "${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ] || echo "$name: $*"
}

[ -d "$templates" ] || exit 0
if [ ! -w "$output" ]; then
    say "ERROR: $templates exists, but $output is not writable"
    exit 0
fi

# "${A} ${B} …" for every variable set: envsubst replaces only these.
known="$(env | sed -n 's/^\([A-Za-z_][A-Za-z0-9_]*\)=.*/${\1}/p' | tr '\n' ' ')"

find "$templates" -follow -type f -name "*$suffix" | while IFS= read -r template; do
    relative="${template#"$templates"/}"
    target="$output/${relative%"$suffix"}"
    mkdir -p "$(dirname "$target")"
    say "Running envsubst on $template to $target"
    envsubst "$known" < "$template" > "$target"
done
