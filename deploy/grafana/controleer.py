#!/usr/bin/env python3
"""Evaluates every PromQL expression of every dashboard panel through Prometheus' HTTP API: each must parse and return data.
Usage: controleer.py http://127.0.0.1:9090 deploy/grafana/dashboards  (exit 1 names every panel that fails)."""
import json, os, sys, urllib.parse, urllib.request

prometheus, map_ = sys.argv[1], sys.argv[2]
fouten, aantal = [], 0
for naam in sorted(os.listdir(map_)):
    dashboard = json.load(open(os.path.join(map_, naam), encoding="utf-8"))
    for paneel in dashboard["panels"]:
        for doel in paneel["targets"]:
            aantal += 1
            expr = doel["expr"].replace("$__rate_interval", "2m").replace('"$gemeente"', '".*"')
            url = prometheus + "/api/v1/query?" + urllib.parse.urlencode({"query": expr})
            try:
                antwoord = json.load(urllib.request.urlopen(url, timeout=30))
                resultaat = antwoord["data"]["result"]
                ok = antwoord["status"] == "success" and len(resultaat) > 0
                print(f"{'ok ' if ok else 'LEEG'} {naam} · {paneel['title']}: {len(resultaat)} reeks(en)")
                if not ok:
                    fouten.append(f"{naam} · {paneel['title']}: geen data voor {expr}")
            except urllib.error.HTTPError as e:
                fouten.append(f"{naam} · {paneel['title']}: {e.code} {e.read().decode()[:300]}")
                print("FOUT", fouten[-1])
print(f"{aantal - len(fouten)} van {aantal} paneelquery's geven data")
sys.exit(1 if fouten else 0)
