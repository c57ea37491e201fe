#!/usr/bin/env bash
# Runs a real Prometheus on loopback against a PostgreSQL-backed silo fed by the region simulator, then evaluates every
# PromQL expression of every Grafana dashboard panel (deploy/grafana/controleer.py): each must parse and return data; and
# checks every cell of GET /api/v1/kengetallen against a straight SQL count over the log (kengetallen-tegen-log.py).
# Needs a Release build, PostgreSQL binaries (initdb, pg_ctl) and prometheus on PATH. Used by CI; runs in about 3 minutes.
set -euo pipefail
cd "$(dirname "$0")/../.."
werk=$(mktemp -d); chmod 755 "$werk"
vrij() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
pgpoort=$(vrij); http=$(vrij); promp=$(vrij)
als_eigenaar() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$werk"
stop() {
  kill "${silo:-}" "${prom:-}" 2>/dev/null || true
  als_eigenaar "pg_ctl -D $werk/data -m immediate stop" >/dev/null 2>&1 || true
  rm -rf "$werk"
}
trap stop EXIT
als_eigenaar "initdb -D $werk/data -A trust -U postgres" >/dev/null
als_eigenaar "pg_ctl -D $werk/data -w -l $werk/pg.log -o '-p $pgpoort -k $werk -c listen_addresses=127.0.0.1 -c fsync=off'" start >/dev/null

S=silo/Trajecten.Silo/bin/Release/net10.0/Trajecten.Silo.dll
sleutel=ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=
export ConnectionStrings__Trajecten="Host=127.0.0.1;Port=$pgpoort;Username=postgres;Database=postgres"
export Pseudonimisering__Sleutel=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8= Persoonsgegevens__Hoofdsleutels__1=QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl8= Authenticatie__OntwikkelSleutel=$sleutel
export Authenticatie__VerzoekenPerMinuut=1000000 Kengetallen__Verversing=00:00:02 Logging__LogLevel__Default=Warning
dotnet "$S" --urls "http://127.0.0.1:$http" > "$werk/silo.log" 2>&1 & silo=$!
for _ in $(seq 1 90); do curl -sf "http://127.0.0.1:$http/health/ready" >/dev/null && break; sleep 1; done
dotnet "$S" token --sub prometheus --rol management --gemeente regio --uren 2 > "$werk/token"

cat > "$werk/prometheus.yml" <<YML
global: {scrape_interval: 5s, evaluation_interval: 5s}
rule_files: ["$PWD/deploy/prometheus/regels.yml"]
scrape_configs:
  - job_name: trajecten
    metrics_path: /metrics
    authorization: {type: Bearer, credentials_file: $werk/token}
    static_configs: [{targets: ["127.0.0.1:$http"]}]
  - job_name: trajecten-kengetallen
    metrics_path: /metrics/kengetallen
    authorization: {type: Bearer, credentials_file: $werk/token}
    static_configs: [{targets: ["127.0.0.1:$http"]}]
YML
promtool check config "$werk/prometheus.yml" >/dev/null
prometheus --config.file="$werk/prometheus.yml" --storage.tsdb.path="$werk/tsdb" --web.listen-address="127.0.0.1:$promp" > "$werk/prom.log" 2>&1 & prom=$!

# 240 simulated days (so that 6-month aftercare checks and re-entries exist), as fast as it goes.
dotnet tests/Trajecten.Belasting/bin/Release/net10.0/Trajecten.Belasting.dll simuleer --url "http://127.0.0.1:$http" \
  --sleutel "$sleutel" --dagen 240 --dag-seconden 0 | tail -n 2
sleep 30   # several scrapes and rule evaluations after the load (rates need two samples)
set +e
python3 deploy/grafana/controleer.py "http://127.0.0.1:$promp" deploy/grafana/dashboards; panelen=$?
# The kengetallen endpoint against a straight SQL count over the same log, cell by cell.
python3 deploy/scripts/kengetallen-tegen-log.py "http://127.0.0.1:$http" "$werk/token" \
  "host=127.0.0.1 port=$pgpoort user=postgres dbname=postgres"; telling=$?
exit $(( panelen != 0 || telling != 0 ))
