#!/bin/bash
# The entrypoint of the walkthrough's stand-in for postgres:18 (scripts/walkthrough/standins.py).
# Written for this project: it does what the official image's entrypoint does in the steps the
# pages show (../README.md lists them and how each was checked), and where the pages quote the
# image it prints the official wording from messages.yaml, installed in
# /usr/local/share/postgres-standin/.
#
#   postgres [server options]  (the default command; options alone mean the same)
#       as root: make PGDATA and the socket folder the postgres user's, then start again as it;
#       as postgres: on an empty PGDATA create the database (initdb, POSTGRES_USER, POSTGRES_DB,
#       the scripts of /docker-entrypoint-initdb.d), then replace this script with the server,
#       so that it is the container's first process and gets the stop signal (SIGINT).
#   any other command (psql, pg_dump, bash ...)
#       runs as it is.
set -Eeuo pipefail

WORDING=/usr/local/share/postgres-standin

# The official wording of one message (messages.yaml), with {} replaced by $2.
official() {
    local text
    text="$(< "$WORDING/$1.txt")"
    printf '%s\n' "${text//\{\}/${2:-}}"
}

# Export setting $1 from its variable, else from the file named by ${1}_FILE (a Docker or Compose
# secret), else $2. The _FILE variable is removed so the server and scripts do not see it.
read_setting() {
    local name="$1" via_file="${1}_FILE"
    local value="${!name:-}" path="${!via_file:-}"
    if [[ -n "$value" && -n "$path" ]]; then
        printf 'error: both %s and %s are set (but are exclusive)\n' "$name" "$via_file" >&2
        exit 1
    fi
    [[ -z "$path" ]] || value="$(< "$path")"
    export "$name=${value:-${2:-}}"
    unset "$via_file"
}

read_settings() {
    read_setting POSTGRES_PASSWORD
    read_setting POSTGRES_USER postgres
    read_setting POSTGRES_DB "$POSTGRES_USER"
    read_setting POSTGRES_INITDB_ARGS
    export POSTGRES_HOST_AUTH_METHOD="${POSTGRES_HOST_AUTH_METHOD:-}"
}

# True when the arguments only ask the server for information (it prints and exits).
informational() {
    local argument
    for argument in "$@"; do
        case "$argument" in -V | --version | --help | '-?' | --describe-config) return 0 ;; esac
    done
    return 1
}

holds_database() { [[ -s "$1/PG_VERSION" ]]; }

# Where a database of the layout before 18 lies (or a volume is mounted for one), space-separated;
# nothing when PGDATA is not the image's default.
data_of_older_images() {
    [[ "$PGDATA" == "/var/lib/postgresql/$PG_MAJOR/docker" ]] || return 0
    local places=() candidate
    for candidate in /var/lib/postgresql /var/lib/postgresql/data /var/lib/postgresql/*/docker; do
        if holds_database "$candidate"; then places+=("$candidate"); fi
    done
    if [[ ${#places[@]} -eq 0 ]] && mountpoint --quiet /var/lib/postgresql/data; then
        places+=("/var/lib/postgresql/data (unused mount/volume)")
    fi
    printf '%s' "${places[*]}"
}

# As root: PGDATA and the socket folder must belong to the user the server runs as.
give_folders_to_postgres() {
    mkdir -p "$PGDATA" /var/run/postgresql
    chmod 700 "$PGDATA" || true  # PostgreSQL itself refuses a PGDATA others can read
    chmod 3775 /var/run/postgresql || true
    find "$PGDATA" /var/run/postgresql ! -user postgres -exec chown postgres {} +
}

# psql as the administrator, through the local socket whatever PGHOST says, stopping at the
# first error.
admin_psql() {
    PGHOST='' PGHOSTADDR='' psql --set ON_ERROR_STOP=1 --no-psqlrc --no-password --username "$POSTGRES_USER" "$@"
}

create_cluster() {
    local initdb_args=()
    read -ra initdb_args <<< "$POSTGRES_INITDB_ARGS"
    # initdb takes the password from a file; a line with nothing on it still counts as a file.
    initdb --username="$POSTGRES_USER" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") "${initdb_args[@]}"
    # initdb trusts connections through the socket and from 127.0.0.1; connections from other
    # containers need the password, hashed as the server is set to hash it.
    local method="$POSTGRES_HOST_AUTH_METHOD"
    [[ -n "$method" ]] || method="$(postgres -C password_encryption "$@")"
    printf '\nhost all all all %s\n' "$method" >> "$PGDATA/pg_hba.conf"
}

# A server for the set-up only: reachable through the socket, never over TCP, so that a health
# check over TCP does not see it as the real one.
start_private_server() {
    local options="-c listen_addresses='' -p ${PGPORT:-5432}"
    # printf with no arguments would still print '' once: an empty option the server refuses.
    if (($#)); then options="$(printf '%q ' "$@")$options"; fi
    NOTIFY_SOCKET='' PGUSER="${PGUSER:-$POSTGRES_USER}" pg_ctl --pgdata="$PGDATA" --options="$options" --wait start
}

stop_private_server() {
    PGUSER="${PGUSER:-postgres}" pg_ctl --pgdata="$PGDATA" --mode=fast --wait stop
}

create_database() {
    local exists
    exists="$(admin_psql --dbname postgres --tuples-only --set name="$POSTGRES_DB" \
        <<< "SELECT 1 FROM pg_database WHERE datname = :'name';")"
    if [[ -z "$exists" ]]; then
        admin_psql --dbname postgres --set name="$POSTGRES_DB" <<< 'CREATE DATABASE :"name";'
        echo
    fi
}

# The scripts of /docker-entrypoint-initdb.d, in name order: SQL (plain or compressed) goes to
# psql in POSTGRES_DB, executable .sh files run, other .sh files are read into this shell.
run_init_scripts() {
    local script
    echo
    for script in /docker-entrypoint-initdb.d/*; do
        [[ -e "$script" ]] || continue
        case "$script" in
            *.sh)
                if [[ -x "$script" ]]; then
                    echo "$0: running $script"
                    "$script"
                else
                    echo "$0: sourcing $script"
                    # shellcheck source=/dev/null
                    . "$script"
                fi
                ;;
            *.sql | *.sql.gz | *.sql.xz | *.sql.zst)
                echo "$0: running $script"
                case "$script" in
                    *.sql) admin_psql --dbname "$POSTGRES_DB" --file "$script" ;;
                    *.gz) gzip --decompress --stdout "$script" | admin_psql --dbname "$POSTGRES_DB" ;;
                    *.xz) xz --decompress --stdout "$script" | admin_psql --dbname "$POSTGRES_DB" ;;
                    *.zst) zstd --decompress --stdout --quiet "$script" | admin_psql --dbname "$POSTGRES_DB" ;;
                esac
                echo
                ;;
            *) echo "$0: ignoring $script" ;;
        esac
        echo
    done
}

first_start() {
    if [[ -z "$POSTGRES_PASSWORD" && "$POSTGRES_HOST_AUTH_METHOD" != trust ]]; then
        official password-missing >&2
        exit 1
    fi
    local older
    older="$(data_of_older_images)"
    if [[ -n "$older" ]]; then
        official old-data-folder "$older" >&2
        exit 1
    fi
    ls /docker-entrypoint-initdb.d/ > /dev/null  # unreadable scripts: fail before initdb, not half-way
    create_cluster "$@"
    export PGPASSWORD="${PGPASSWORD:-$POSTGRES_PASSWORD}"  # for an --auth-local that asks for it
    start_private_server "$@"
    create_database
    run_init_scripts
    stop_private_server
    unset PGPASSWORD
    printf '\n%s\n\n' "$(official init-complete)"
}

main() {
    if [[ "${1:-}" == -* ]]; then
        set -- postgres "$@"
    fi
    if [[ "${1:-}" == postgres ]] && ! informational "$@"; then
        read_settings
        if [[ "$(id -u)" == 0 ]]; then
            give_folders_to_postgres
            exec gosu postgres "$0" "$@"
        fi
        if holds_database "$PGDATA"; then
            printf '\n%s\n\n' "$(official skipping-initialization)"
        else
            first_start "${@:2}"
        fi
    fi
    exec "$@"
}

main "$@"
