#!/usr/bin/env bash
# A small Citus cluster on loopback for tests and benches: a coordinator and two workers, each with citus + postgis.
#   scripts/citus-cluster.sh start|stop|status
# Environment (defaults): CITUS_DIR ($TMPDIR/atlas-citus), CITUS_PORTS ("55432 55433 55434", coordinator first),
# CITUS_SOURCE (../shared/vendor/citus: citus-13.2.2.tar.gz and a patch, built only when citus.so is not installed),
# CITUS_DATABASE (atlas).
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
data_dir="${CITUS_DIR:-${TMPDIR:-/tmp}/atlas-citus}"
read -r -a ports <<<"${CITUS_PORTS:-55432 55433 55434}"
database="${CITUS_DATABASE:-atlas}"
source_dir="${CITUS_SOURCE:-$here/../shared/vendor/citus}"
bindir="$(pg_config --bindir)"
pkglibdir="$(pg_config --pkglibdir)"
names=(coordinator worker1 worker2)

# Servers refuse to run as root: run them (and initdb) as postgres, which owns the data folder.
as_pg() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$(printf '%q ' "$@")"; else "$@"; fi
}
psql_on() { # port database sql...
  local port="$1" db="$2"; shift 2
  as_pg "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d "$db" "$@"
}

build_citus() {
  [ -f "$pkglibdir/citus.so" ] && return 0
  echo "citus-cluster: citus.so is not in $pkglibdir; building it from $source_dir (about 5 minutes on 2 cores)"
  local tarball patch_file work
  tarball="$(ls "$source_dir"/citus-*.tar.gz 2>/dev/null | head -1)"
  [ -n "$tarball" ] || { echo "citus-cluster: no citus-*.tar.gz in $source_dir: set CITUS_SOURCE to the folder holding it, or install Citus from citusdata's packages (README: Running on Citus)" >&2; exit 1; }
  work="$(mktemp -d)"
  tar xzf "$tarball" -C "$work"
  for patch_file in "$source_dir"/*.patch; do
    [ -f "$patch_file" ] && (cd "$work" && patch -p1 <"$patch_file")
  done
  (cd "$work" && ./configure --without-libcurl >/dev/null && make -j"$(nproc)" >/dev/null && make install >/dev/null)
  rm -rf "$work"
  [ -f "$pkglibdir/citus.so" ] || { echo "citus-cluster: the build finished but $pkglibdir/citus.so is missing" >&2; exit 1; }
}

running() { as_pg "$bindir/pg_ctl" -D "$data_dir/$1" status >/dev/null 2>&1; }

start_node() { # index
  local name="${names[$1]}" port="${ports[$1]}" dir="$data_dir/${names[$1]}"
  if [ ! -f "$dir/PG_VERSION" ]; then
    as_pg mkdir -p "$dir"
    as_pg "$bindir/initdb" -D "$dir" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    cat >>"$dir/postgresql.conf" <<CONF
# atlas citus cluster ($name)
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
shared_preload_libraries = 'citus'
max_connections = 200
max_prepared_transactions = 200
shared_buffers = 128MB
fsync = off
synchronous_commit = off
full_page_writes = off
citus.enable_create_database_propagation = on
CONF
    printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' >"$dir/pg_hba.conf"
    chown postgres "$dir/postgresql.conf" "$dir/pg_hba.conf" 2>/dev/null || true
  fi
  if ! running "$name"; then
    as_pg "$bindir/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start >/dev/null
  fi
}

start() {
  build_citus
  if [ "$(id -u)" = 0 ]; then mkdir -p "$data_dir" && chown postgres "$data_dir"; else mkdir -p "$data_dir"; fi
  for i in 0 1 2; do start_node "$i"; done
  if ! psql_on "${ports[0]}" postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$database'" | grep -q 1; then
    # Propagated to the workers (citus.enable_create_database_propagation).
    psql_on "${ports[0]}" postgres -c "CREATE DATABASE $database"
  fi
  prepare "$database"
  status
}

# Makes one database a Citus cluster of its own (Citus keeps its metadata per database): the citus and postgis
# extensions on every node, then the coordinator and the workers registered in the coordinator's metadata.
# Not through template1: the Citus maintenance daemon stays connected to every database holding the extension, and a
# template in use refuses CREATE DATABASE.
prepare() {
  local db="$1"
  for i in 1 2; do
    psql_on "${ports[$i]}" postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1 \
      || psql_on "${ports[$i]}" postgres -c "CREATE DATABASE $db"
    # Once registered, a worker refuses DDL (even IF NOT EXISTS): ask first.
    psql_on "${ports[$i]}" "$db" -tAc "SELECT 1 FROM pg_extension WHERE extname = 'postgis'" | grep -q 1 \
      || psql_on "${ports[$i]}" "$db" -c 'CREATE EXTENSION IF NOT EXISTS citus' -c 'CREATE EXTENSION IF NOT EXISTS postgis'
  done
  psql_on "${ports[0]}" "$db" -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION IF NOT EXISTS citus' -c 'CREATE EXTENSION IF NOT EXISTS postgis'
  psql_on "${ports[0]}" "$db" -c "SELECT citus_set_coordinator_host('127.0.0.1', ${ports[0]})" >/dev/null
  for i in 1 2; do
    psql_on "${ports[0]}" "$db" -tAc "SELECT 1 FROM pg_dist_node WHERE nodeport = ${ports[$i]}" | grep -q 1 \
      || psql_on "${ports[0]}" "$db" -c "SELECT citus_add_node('127.0.0.1', ${ports[$i]})" >/dev/null
  done
}

stop() {
  for i in 2 1 0; do
    local dir="$data_dir/${names[$i]}"
    if [ -f "$dir/PG_VERSION" ] && running "${names[$i]}"; then
      as_pg "$bindir/pg_ctl" -D "$dir" -m fast -w stop >/dev/null
    fi
  done
  echo "citus-cluster: stopped ($data_dir)"
}

status() {
  local all=0
  for i in 0 1 2; do
    if [ -f "$data_dir/${names[$i]}/PG_VERSION" ] && running "${names[$i]}"; then
      echo "${names[$i]}: running on 127.0.0.1:${ports[$i]}"
    else
      echo "${names[$i]}: stopped"; all=1
    fi
  done
  if [ "$all" = 0 ]; then
    echo "CITUS_URL=postgres://postgres@127.0.0.1:${ports[0]}/$database"
    psql_on "${ports[0]}" "$database" -tAc "SELECT 'nodes: ' || string_agg(nodename || ':' || nodeport || CASE WHEN groupid = 0 THEN ' (coordinator)' ELSE '' END, ', ' ORDER BY groupid) FROM pg_dist_node" || true
  fi
  return "$all"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
