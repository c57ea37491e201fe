#!/usr/bin/env bash
# A local Trajecten cluster for humans: a throwaway PostgreSQL in a temp directory on a free loopback
# port, the schema applied, and N silos (own silo/gateway/HTTP ports) against it.
#
#   deploy/scripts/local-cluster.sh start [N]   # default N=2; prints each silo's HTTP address and how to mint tokens
#   deploy/scripts/local-cluster.sh status
#   deploy/scripts/local-cluster.sh restart I   # stops silo I (graceful, as a rolling upgrade would) and starts it again
#   deploy/scripts/local-cluster.sh stop        # stops the silos and PostgreSQL, removes the temp directory
#
# State lives in $TRAJECTEN_CLUSTER_DIR (default /tmp/trajecten-cluster). Logs: $dir/silo-<n>.log, $dir/pg.log.
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=${TRAJECTEN_CLUSTER_DIR:-/tmp/trajecten-cluster}
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start() {
  local n=${1:-2}
  [ -e "$dir/pg.port" ] && { echo "already running (see: $0 status)"; exit 1; }
  mkdir -p "$dir" && chmod 755 "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  local pgport; pgport=$(free_port)
  as_owner initdb -D "$dir/data" -U trajecten -A trust -E UTF8 >/dev/null
  as_owner pg_ctl -D "$dir/data" -w -l "$dir/pg.log" -o "-p $pgport -k $dir -c listen_addresses=127.0.0.1" start >/dev/null
  echo "$pgport" > "$dir/pg.port"
  export ConnectionStrings__Trajecten="Host=127.0.0.1;Port=$pgport;Username=trajecten;Database=postgres"
  export Pseudonimisering__Sleutel=${Pseudonimisering__Sleutel:-$(head -c 32 /dev/urandom | base64)}
  export Authenticatie__OntwikkelSleutel=${Authenticatie__OntwikkelSleutel:-$(head -c 32 /dev/urandom | base64)}
  export Persoonsgegevens__Hoofdsleutels__1=${Persoonsgegevens__Hoofdsleutels__1:-$(head -c 32 /dev/urandom | base64)}
  echo "$Pseudonimisering__Sleutel" > "$dir/sleutel"
  # Everything a silo, a token or a tool of this cluster needs; `source` it.
  printf 'export ConnectionStrings__Trajecten=%q\nexport Pseudonimisering__Sleutel=%q\nexport Authenticatie__OntwikkelSleutel=%q\nexport Persoonsgegevens__Hoofdsleutels__1=%q\n' \
    "$ConnectionStrings__Trajecten" "$Pseudonimisering__Sleutel" "$Authenticatie__OntwikkelSleutel" "$Persoonsgegevens__Hoofdsleutels__1" > "$dir/env"
  dotnet build silo/Trajecten.Silo -c Release -v quiet -nologo >/dev/null
  dotnet "$silo" migrate
  for i in $(seq 1 "$n"); do start_silo "$i"; done
  for i in $(seq 1 "$n"); do wait_ready "$i"; done
  echo "cluster ready: PostgreSQL on 127.0.0.1:$pgport, $n silo(s)"
  echo "tokens for this cluster:  source $dir/env && dotnet $silo token --sub anja --rol klantmanager --gemeente Alkmaar"
}

silo=silo/Trajecten.Silo/bin/Release/net10.0/Trajecten.Silo.dll

# Silo I: HTTP 8080+I-1, silo port 11110+I, gateway 30000+I; the cluster's settings come from $dir/env.
start_silo() {
  local i=$1 http=$((8080 + $1 - 1))
  # shellcheck disable=SC1091
  source "$dir/env"
  Urls="http://127.0.0.1:$http" Silo__SiloPort=$((11110 + i)) Silo__GatewayPort=$((30000 + i)) Silo__ClusterId=trajecten-lokaal \
    nohup dotnet "$silo" >> "$dir/silo-$i.log" 2>&1 &
  echo $! > "$dir/silo-$i.pid"
  echo "silo $i: http://127.0.0.1:$http  (silo port $((11110 + i)), gateway $((30000 + i)), log $dir/silo-$i.log)"
}

wait_ready() {
  local i=$1 http=$((8080 + $1 - 1)) t=0
  until curl -sf "http://127.0.0.1:$http/health/ready" >/dev/null; do
    t=$((t + 1)); [ $t -gt 600 ] && { echo "silo $i not ready after 60 s; see $dir/silo-$i.log"; exit 1; }
    sleep 0.1
  done
}

stop_silo() {
  local f="$dir/silo-$1.pid" t=0
  [ -e "$f" ] || return 0
  kill "$(cat "$f")" 2>/dev/null || true
  while kill -0 "$(cat "$f")" 2>/dev/null && [ $t -lt 300 ]; do sleep 0.1; t=$((t + 1)); done
  kill -9 "$(cat "$f")" 2>/dev/null || true
}

restart() {
  local i=${1:?which silo? e.g. restart 2}
  [ -e "$dir/silo-$i.pid" ] || { echo "no silo $i (see: $0 status)"; exit 1; }
  stop_silo "$i"
  echo "silo $i stopped"
  start_silo "$i"
  wait_ready "$i"
  echo "silo $i ready"
}

status() {
  [ -e "$dir/pg.port" ] || { echo "not running"; return; }
  echo "PostgreSQL: 127.0.0.1:$(cat "$dir/pg.port")"
  for f in "$dir"/silo-*.pid; do
    local i=${f##*/silo-}; i=${i%.pid}
    if kill -0 "$(cat "$f")" 2>/dev/null; then echo "silo $i: running (pid $(cat "$f")), http://127.0.0.1:$((8080 + i - 1))"; else echo "silo $i: stopped"; fi
  done
}

stop() {
  [ -d "$dir" ] || { echo "not running"; return; }
  for f in "$dir"/silo-*.pid; do [ -e "$f" ] && kill "$(cat "$f")" 2>/dev/null || true; done
  for f in "$dir"/silo-*.pid; do
    [ -e "$f" ] || continue
    local i=${f##*/silo-}; stop_silo "${i%.pid}"
  done
  [ -d "$dir/data" ] && as_owner pg_ctl -D "$dir/data" -w -m fast stop >/dev/null || true
  rm -rf "$dir"
  echo "stopped"
}

case "${1:-}" in
  start) start "${2:-2}" ;;
  status) status ;;
  restart) restart "${2:-}" ;;
  stop) stop ;;
  *) sed -n '2,11p' "$0"; exit 2 ;;
esac
