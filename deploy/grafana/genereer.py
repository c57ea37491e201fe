#!/usr/bin/env python3
"""Writes the Grafana dashboards (dashboards/*.json) from the panel lists below: one place for every PromQL query.
Run after a change: python3 deploy/grafana/genereer.py. CI evaluates every query against a live Prometheus (controleer.py)."""
import json, os

G = 'gemeente=~"$gemeente"'
DASHBOARDS = {
    "trajecten-regio": ("Trajecten — regio-overzicht", "Hoeveel mensen zijn nu in een traject, hoeveel stromen uit naar werk, en blijft dat werk?", [
        ("stat", "Actieve trajecten", "sum(trajecten_trajecten_actief)"),
        ("stat", "Uitstroom naar werk (totaal)", 'sum(trajecten_afgesloten_total{uitkomst="uitstroom-werk"})'),
        ("stat", "Cliënten met een aandachtspunt", "sum(trajecten_clienten_aandachtspunt)"),
        ("bargauge", "Actieve trajecten per gemeente", "sum by (gemeente) (trajecten_trajecten_actief)"),
        ("timeseries", "Aanmeldingen per dag, per gemeente", "sum by (gemeente) (increase(trajecten_aanmeldingen_total[1d]))"),
        ("bargauge", "Afgesloten trajecten per uitkomst", "sum by (uitkomst) (trajecten_afgesloten_total)"),
    ]),
    "trajecten-gemeente": ("Trajecten — per gemeente", "Waar staan de trajecten van deze gemeente, en wat vraagt aandacht?", [
        ("bargauge", "Actieve trajecten per fase", f"sum by (fase) (trajecten_trajecten_actief{{{G}}})"),
        ("bargauge", "Actieve trajecten per soort", f"sum by (soort) (trajecten_trajecten_actief{{{G}}})"),
        ("bargauge", "Cliënten per aandachtspunt", f"sum by (aandachtspunt) (trajecten_clienten_aandachtspunt{{{G}}})"),
        ("bargauge", "Open termijnen (achterstallig of niet)", f"sum by (termijn, achterstallig) (trajecten_termijnen_open{{{G}}})"),
        ("timeseries", "Mijlpalen per dag", f"sum by (soort) (increase(trajecten_mijlpalen_total{{{G}}}[1d]))"),
        ("bargauge", "Caseload per klantmanager (verdeling, cliënten met actief traject)", "sum by (le) (trajecten_caseload_per_klantmanager_bucket)"),
    ]),
    "trajecten-uitkomsten": ("Trajecten — doelgroepen en uitkomsten", "Bereik van de doelgroepen, uitstroom naar reden en duurzaamheid van uitstroom naar werk.", [
        ("bargauge", "Actieve trajecten per doelgroep", f"sum by (doelgroep) (trajecten_trajecten_actief{{{G}}})"),
        ("bargauge", "Afgesloten per uitkomst en gemeente", f"sum by (gemeente, uitkomst) (trajecten_afgesloten_total{{{G}}})"),
        ("bargauge", "Nog aan het werk bij nazorgcontrole (aandeel)", f"gemeente_controle:trajecten_duurzaam_aan_het_werk:ratio{{{G}}}"),
        ("bargauge", "Herinstroom binnen de periode (aandeel)", f"gemeente_binnen:trajecten_herinstroom:ratio{{{G}}}"),
        ("bargauge", "Nazorguitkomsten per controle", f"sum by (controle, uitkomst) (trajecten_uitstroom_werk_nazorg{{{G}}})"),
    ]),
    "trajecten-doorlooptijden": ("Trajecten — doorlooptijden", "Hoe lang duurt elke stap, in dagen (mediaan en 90e percentiel)?", [
        ("bargauge", "Mediaan per stap (dagen)", f"histogram_quantile(0.5, sum by (stap, le) (trajecten_doorlooptijd_dagen_bucket{{{G}}}))"),
        ("bargauge", "90e percentiel per stap (dagen)", f"histogram_quantile(0.9, sum by (stap, le) (trajecten_doorlooptijd_dagen_bucket{{{G}}}))"),
        ("bargauge", "Mediaan intake → plaatsing per gemeente", 'gemeente_stap:trajecten_doorlooptijd_dagen:mediaan{stap="intake-plaatsing"}'),
        ("bargauge", "Tijd in de zoekperiode (verdeling)", f'sum by (le) (trajecten_doorlooptijd_dagen_bucket{{{G},stap="zoekperiode"}})'),
    ]),
    "trajecten-signalen": ("Trajecten — signalen per domein", "Wat melden Schuldhulp, Wmo en Jeugd, en bij hoeveel cliënten valt het samen met een traject?", [
        ("bargauge", "Signalen per domein (totaal)", "sum by (domein) (trajecten_signalen_total)"),
        ("timeseries", "Signalen per dag per domein", "sum by (domein) (increase(trajecten_signalen_total[1d]))"),
        ("bargauge", "Schuldhulp of jeugdhulp tijdens een traject", f'sum by (gemeente, aandachtspunt) (trajecten_clienten_aandachtspunt{{{G},aandachtspunt=~".*hulp-tijdens-traject"}})'),
    ]),
    "trajecten-werking": ("Trajecten — werking", "Voor beheer: HTTP, Orleans, PostgreSQL group commit, projecties, webhooks, gereedheid.", [
        ("timeseries", "HTTP-verzoeken per seconde per status", "sum by (http_response_status_code) (rate(http_server_request_duration_seconds_count[$__rate_interval]))"),
        ("timeseries", "HTTP p99 latentie (s)", "histogram_quantile(0.99, sum by (le) (rate(http_server_request_duration_seconds_bucket[$__rate_interval])))"),
        ("timeseries", "Aandeel 5xx", "sum(rate(http_server_request_duration_seconds_count{http_response_status_code=~\"5..\"}[$__rate_interval])) / sum(rate(http_server_request_duration_seconds_count[$__rate_interval])) or vector(0)"),
        ("timeseries", "Orleans-activaties per silo", "sum by (instance) (orleans_catalog_activations)"),
        ("timeseries", "Orleans grain-aanroepen per seconde", "sum(rate(orleans_app_requests_latency_milliseconds_count[$__rate_interval]))"),
        ("timeseries", "Group commit: feiten per commit (gemiddeld)", "sum(rate(trajecten_opslag_groepscommit_grootte_sum[$__rate_interval])) / sum(rate(trajecten_opslag_groepscommit_grootte_count[$__rate_interval]))"),
        ("timeseries", "Achterstand per projectie (s)", "max by (projectie) (trajecten_projectie_achterstand_seconds)"),
        ("timeseries", "Mislukte webhook-afleveringen per minuut", "sum(rate(trajecten_abonnementen_aflevering_mislukt_total[$__rate_interval])) * 60 or vector(0)"),
        ("stat", "Gereed (alle controles)", "min(trajecten_gereed)"),
        ("stat", "Leeftijd van de kengetallen (s)", "time() - max(trajecten_kengetallen_berekend_timestamp_seconds)"),
    ]),
}

def paneel(i, soort, titel, expr):
    return {"id": i + 1, "type": soort, "title": titel, "datasource": {"type": "prometheus", "uid": "prometheus"},
            "gridPos": {"h": 8, "w": 12, "x": (i % 2) * 12, "y": (i // 2) * 8},
            "targets": [{"refId": "A", "expr": expr, "legendFormat": "__auto", "instant": soort != "timeseries",
                         "range": soort == "timeseries", "datasource": {"type": "prometheus", "uid": "prometheus"}}],
            "options": {"reduceOptions": {"calcs": ["lastNotNull"]}}}

def dashboard(uid, titel, beschrijving, panelen):
    return {"uid": uid, "title": titel, "description": beschrijving, "tags": ["trajecten"], "schemaVersion": 39, "version": 1,
            "time": {"from": "now-7d", "to": "now"}, "refresh": "1m",
            "templating": {"list": [{"name": "gemeente", "label": "Gemeente", "type": "query", "multi": True, "includeAll": True,
                                     "allValue": ".*", "current": {"text": "All", "value": "$__all"},
                                     "datasource": {"type": "prometheus", "uid": "prometheus"},
                                     "query": {"query": "label_values(trajecten_aanmeldingen_total, gemeente)", "refId": "gemeente"},
                                     "definition": "label_values(trajecten_aanmeldingen_total, gemeente)", "refresh": 2}]},
            "panels": [paneel(i, *p) for i, p in enumerate(panelen)]}

map_ = os.path.join(os.path.dirname(os.path.abspath(__file__)), "dashboards")
for uid, (titel, beschrijving, panelen) in DASHBOARDS.items():
    with open(os.path.join(map_, uid + ".json"), "w", encoding="utf-8") as f:
        json.dump(dashboard(uid, titel, beschrijving, panelen), f, ensure_ascii=False, indent=2)
        f.write("\n")
