#!/usr/bin/env python3
"""Checks GET /api/v1/kengetallen against a straight SQL count over the event log (trajecten_gebeurtenissen).

The endpoint answers from the kengetallen projection; this script counts the same figures directly from the facts with
one SQL query and compares every cell of every gemeente and month: counts, medians, nazorg and herinstroom shares.
A cell the log puts at 1 to 4 people must be suppressed by the endpoint (absent, and named in `onderdrukt`).

The straight count reads facts as recorded, so it holds for a log without corrections, withdrawals or moves (the region
simulator writes none); the script refuses to judge a log that has them rather than compare against the wrong thing.

usage: kengetallen-tegen-log.py <api-url> <token-file> <psql-connection-string>
Exit 0 when every cell matches; 1 with a list of differences otherwise.
"""
import csv
import io
import json
import subprocess
import sys
import time
import urllib.request

MINIMUM = 5

# One row per traject with its dates and outcome, taken from the facts: the aanmelding (traject-geopend), the first
# milestone of each soort, the milestone that followed the intake (the end of the zoekperiode), the closing milestone.
SQL = """
WITH traject AS (
    SELECT stroom_id AS traject_id, client_id, gegevens->>'gemeente' AS gemeente,
           ((gegevens->>'aangemeldOp')::timestamptz AT TIME ZONE 'UTC')::date AS aangemeld
    FROM trajecten_gebeurtenissen WHERE feit = 'traject-geopend'),
mijlpaal AS (
    SELECT stroom_id AS traject_id, soort, (gegevens->>'datum')::date AS datum,
           gegevens#>>'{details,uitstroomReden}' AS reden,
           row_number() OVER (PARTITION BY stroom_id, soort ORDER BY volgnummer) AS nr,
           lead((gegevens->>'datum')::date) OVER (PARTITION BY stroom_id ORDER BY volgnummer) AS volgende
    FROM trajecten_gebeurtenissen WHERE feit = 'mijlpaal'),
t AS (
    SELECT t.*,
        (SELECT datum FROM mijlpaal m WHERE m.traject_id = t.traject_id AND soort = 'intake' AND nr = 1) AS intake,
        (SELECT datum FROM mijlpaal m WHERE m.traject_id = t.traject_id AND soort = 'diagnose' AND nr = 1) AS diagnose,
        (SELECT datum FROM mijlpaal m WHERE m.traject_id = t.traject_id AND soort = 'plaatsing' AND nr = 1) AS plaatsing,
        (SELECT volgende FROM mijlpaal m WHERE m.traject_id = t.traject_id AND soort = 'intake' AND nr = 1) AS zoekperiode_tot,
        (SELECT datum FROM mijlpaal m WHERE m.traject_id = t.traject_id AND soort IN ('uitstroom', 'beeindigd')) AS afgesloten,
        (SELECT CASE soort WHEN 'beeindigd' THEN 'beeindigd' ELSE 'uitstroom-' || coalesce(reden, 'overig') END
         FROM mijlpaal m WHERE m.traject_id = t.traject_id AND soort IN ('uitstroom', 'beeindigd')) AS uitkomst
    FROM traject t),
maand AS (
    SELECT DISTINCT g.gemeente, to_char(d, 'YYYY-MM') AS maand, (d + interval '1 month' - interval '1 day')::date AS einde
    FROM t g, generate_series(date_trunc('month', (SELECT min(aangemeld) FROM t)),
                              date_trunc('month', (now() AT TIME ZONE 'UTC')::date), interval '1 month') d),
signaal AS (
    -- A signal counts for the gemeente its client has now (with no moves in the log: the one registered).
    SELECT s.soort AS domein, (s.gegevens#>>'{melding,datum}')::date AS datum, r.gegevens->>'gemeente' AS gemeente
    FROM trajecten_gebeurtenissen s
    JOIN trajecten_gebeurtenissen r ON r.client_id = s.client_id AND r.feit = 'client-geregistreerd'
    WHERE s.feit = 'signaal'),
nazorg AS (
    SELECT stroom_id AS traject_id, (gegevens->>'controle')::int AS controle, (gegevens->>'aanHetWerk')::boolean AS aan_het_werk
    FROM trajecten_gebeurtenissen WHERE feit = 'nazorg-vastgelegd'),
cohort AS (   -- uitstroom to work, with each check's window and whether the client came back within it
    SELECT t.gemeente, to_char(t.afgesloten, 'YYYY-MM') AS maand, t.traject_id, c.controle,
           (t.afgesloten + make_interval(months => c.controle))::date AS venster_einde,
           EXISTS (SELECT 1 FROM t o WHERE o.client_id = t.client_id AND o.traject_id <> t.traject_id
                   AND o.aangemeld > t.afgesloten AND o.aangemeld <= (t.afgesloten + make_interval(months => c.controle))::date) AS terug
    FROM t, unnest(%(controles)s::int[]) AS c(controle)
    WHERE t.uitkomst = 'uitstroom-werk'),
mediaan AS (
    SELECT gemeente, maand, veld, CASE WHEN count(*) >= 5 THEN percentile_cont(0.5) WITHIN GROUP (ORDER BY dagen) END AS waarde
    FROM (
        SELECT gemeente, to_char(intake, 'YYYY-MM'), 'mediaanDagen.aanmeldingIntake', intake - aangemeld FROM t WHERE intake IS NOT NULL
        UNION ALL SELECT gemeente, to_char(diagnose, 'YYYY-MM'), 'mediaanDagen.intakeDiagnose', diagnose - intake FROM t WHERE diagnose IS NOT NULL AND intake IS NOT NULL
        UNION ALL SELECT gemeente, to_char(plaatsing, 'YYYY-MM'), 'mediaanDagen.intakePlaatsing', plaatsing - intake FROM t WHERE plaatsing IS NOT NULL AND intake IS NOT NULL
        UNION ALL SELECT gemeente, to_char(afgesloten, 'YYYY-MM'), 'mediaanDagen.intakeUitstroom', afgesloten - intake FROM t WHERE uitkomst LIKE 'uitstroom-%%' AND intake IS NOT NULL
        UNION ALL SELECT gemeente, to_char(zoekperiode_tot, 'YYYY-MM'), 'mediaanDagen.zoekperiode', zoekperiode_tot - intake FROM t WHERE zoekperiode_tot IS NOT NULL
    ) x(gemeente, maand, veld, dagen)
    GROUP BY 1, 2, 3)
SELECT m.gemeente, m.maand, v.veld, v.soort, v.waarde, v.geheel
FROM maand m, LATERAL (
    SELECT 'aanmeldingen', 'cel', count(*)::float8, NULL::int FROM t WHERE t.gemeente = m.gemeente AND to_char(aangemeld, 'YYYY-MM') = m.maand
    UNION ALL SELECT 'intakes', 'cel', count(*), NULL FROM t WHERE t.gemeente = m.gemeente AND to_char(intake, 'YYYY-MM') = m.maand
    UNION ALL SELECT 'plaatsingen', 'cel', count(*), NULL FROM t WHERE t.gemeente = m.gemeente AND to_char(plaatsing, 'YYYY-MM') = m.maand
    UNION ALL SELECT u.veld, 'cel', count(t.traject_id), NULL
        FROM (VALUES ('uitstroomWerk', 'uitstroom-werk'), ('uitstroomOpleiding', 'uitstroom-opleiding'),
                     ('uitstroomOverig', 'uitstroom-overig'), ('beeindigd', 'beeindigd')) u(veld, uitkomst)
        LEFT JOIN t ON t.uitkomst = u.uitkomst AND t.gemeente = m.gemeente AND to_char(afgesloten, 'YYYY-MM') = m.maand
        GROUP BY u.veld
    UNION ALL SELECT 'actiefEindeMaand', 'cel', count(*), NULL FROM t
        WHERE t.gemeente = m.gemeente AND aangemeld <= m.einde AND (afgesloten IS NULL OR afgesloten > m.einde)
    UNION ALL SELECT 'signalen.' || d.domein, 'cel', count(s.datum), NULL
        FROM (VALUES ('schuldhulp'), ('wmo'), ('jeugd')) d(domein)
        LEFT JOIN signaal s ON s.domein = d.domein AND s.gemeente = m.gemeente AND to_char(s.datum, 'YYYY-MM') = m.maand
        GROUP BY d.domein
    UNION ALL SELECT 'nazorg.' || c.controle || '.gecontroleerd', 'cel', count(n.traject_id), NULL
        FROM unnest(%(controles)s::int[]) c(controle)
        LEFT JOIN (t JOIN nazorg n USING (traject_id)) ON n.controle = c.controle AND t.uitkomst = 'uitstroom-werk'
            AND t.gemeente = m.gemeente AND to_char(t.afgesloten, 'YYYY-MM') = m.maand
        GROUP BY c.controle
    UNION ALL SELECT 'nazorg.' || c.controle || '.aanHetWerk', 'cel', count(n.traject_id) FILTER (WHERE n.aan_het_werk), count(n.traject_id)::int
        FROM unnest(%(controles)s::int[]) c(controle)
        LEFT JOIN (t JOIN nazorg n USING (traject_id)) ON n.controle = c.controle AND t.uitkomst = 'uitstroom-werk'
            AND t.gemeente = m.gemeente AND to_char(t.afgesloten, 'YYYY-MM') = m.maand
        GROUP BY c.controle
    UNION ALL SELECT 'herinstroom.' || c.controle || '.heringestroomd', 'cel', count(k.traject_id) FILTER (WHERE k.terug),
        CASE WHEN bool_and(k.terug OR k.venster_einde < (now() AT TIME ZONE 'UTC')::date) IS FALSE THEN NULL ELSE count(k.traject_id)::int END
        FROM unnest(%(controles)s::int[]) c(controle)
        LEFT JOIN cohort k ON k.controle = c.controle AND k.gemeente = m.gemeente AND k.maand = m.maand
        GROUP BY c.controle
    UNION ALL SELECT veld, 'mediaan', waarde, NULL FROM mediaan x WHERE x.gemeente = m.gemeente AND x.maand = m.maand
) v(veld, soort, waarde, geheel)
ORDER BY 1, 2, 3
"""

AFWIJKENDE_FEITEN = "SELECT feit, count(*) FROM trajecten_gebeurtenissen " \
    "WHERE feit IN ('mijlpaal-gecorrigeerd', 'mijlpaal-ingetrokken', 'client-verhuisd', 'traject-verhuisd') GROUP BY feit"


def psql(verbinding, sql):
    uit = subprocess.run(["psql", verbinding, "--csv", "-v", "ON_ERROR_STOP=1", "-c", sql],
                         check=True, capture_output=True, text=True).stdout
    return list(csv.DictReader(io.StringIO(uit)))


def haal(url, token, pad):
    verzoek = urllib.request.Request(url + pad, headers={"Authorization": "Bearer " + token, "Accept": "application/json"})
    with urllib.request.urlopen(verzoek, timeout=60) as antwoord:
        return json.load(antwoord)


def waarde_in(maand, veld):
    """The endpoint's value for a field path like 'nazorg.6.aanHetWerk' (lists are keyed by their controle/binnenMaanden)."""
    delen = veld.split(".")
    if delen[0] in ("nazorg", "herinstroom"):
        sleutel = "controle" if delen[0] == "nazorg" else "binnenMaanden"
        rij = next((r for r in maand[delen[0]] if r[sleutel] == int(delen[1])), None)
        return None if rij is None else rij.get(delen[2])
    knoop = maand
    for deel in delen:
        knoop = knoop.get(deel) if isinstance(knoop, dict) else None
    return knoop


def aandeel_in(maand, veld):
    delen = veld.split(".")
    sleutel = "controle" if delen[0] == "nazorg" else "binnenMaanden"
    rij = next(r for r in maand[delen[0]] if r[sleutel] == int(delen[1]))
    return rij.get("aandeel"), rij.get("volledig")


def main():
    url, tokenbestand, verbinding = sys.argv[1], sys.argv[2], sys.argv[3]
    token = open(tokenbestand, encoding="utf-8").read().strip()
    # The projection follows the log within moments: compare until equal, or report the differences after the deadline.
    deadline = time.monotonic() + 90
    while True:
        resultaat = vergelijk(url, token, verbinding)
        if resultaat is not None and (not resultaat[2] or time.monotonic() > deadline):
            break
        if resultaat is None:
            return 1
        time.sleep(2)
    gemeente_maanden, cellen, verschillen, onderdrukt = resultaat
    print(f"kengetallen-tegen-log: {gemeente_maanden} gemeente-maanden, {cellen} cellen vergeleken met een telling over het log "
          f"({onderdrukt} van 1 tot 4 mensen onderdrukt); {len(verschillen)} verschillen")
    for v in verschillen[:50]:
        print("  " + v)
    return 1 if verschillen else 0


def vergelijk(url, token, verbinding):

    afwijkend = psql(verbinding, AFWIJKENDE_FEITEN)
    if afwijkend:
        print("kengetallen-tegen-log: het log bevat correcties of verhuizingen; een rechtstreekse telling geldt dan niet:",
              ", ".join(f"{r['feit']} {r['count']}" for r in afwijkend))
        return None

    maanden = sorted({r["maand"] for r in psql(verbinding, "SELECT DISTINCT to_char(((gegevens->>'aangemeldOp')::timestamptz "
                                                            "AT TIME ZONE 'UTC')::date, 'YYYY-MM') AS maand FROM trajecten_gebeurtenissen "
                                                            "WHERE feit = 'traject-geopend'")})
    antwoord = haal(url, token, f"/api/v1/kengetallen?van={maanden[0]}")
    controles = sorted({n["controle"] for m in antwoord["maanden"] for n in m["nazorg"]})
    rijen = psql(verbinding, SQL.replace("%(controles)s", "'{" + ",".join(map(str, controles)) + "}'").replace("%%", "%"))
    endpoint = {(m["gemeente"], m["maand"]): m for m in antwoord["maanden"]}

    verschillen, cellen, onderdrukt = [], 0, 0
    for rij in rijen:
        sleutel = (rij["gemeente"], rij["maand"])
        maand = endpoint.get(sleutel)
        if maand is None:
            verschillen.append(f"{sleutel}: ontbreekt in het antwoord")
            continue
        veld, soort = rij["veld"], rij["soort"]
        log = None if rij["waarde"] == "" else float(rij["waarde"])
        gegeven = waarde_in(maand, veld)
        cellen += 1
        if soort == "mediaan":
            if (log is None) != (gegeven is None) or (log is not None and abs(log - float(gegeven)) > 1e-9):
                verschillen.append(f"{sleutel} {veld}: log {log}, endpoint {gegeven}")
            continue
        aantal = int(log)
        if 0 < aantal < MINIMUM:
            onderdrukt += 1
            if gegeven is not None or veld not in maand.get("onderdrukt", []):
                verschillen.append(f"{sleutel} {veld}: log {aantal} (moet onderdrukt zijn), endpoint {gegeven}")
        elif gegeven != aantal:
            verschillen.append(f"{sleutel} {veld}: log {aantal}, endpoint {gegeven}")
        # Shares: nazorg over the people checked, herinstroom over the cohort once every window has passed.
        if veld.startswith(("nazorg.", "herinstroom.")) and not veld.endswith(".gecontroleerd"):
            geheel = None if rij["geheel"] == "" else int(rij["geheel"])
            verwacht = round(aantal / geheel, 3) if geheel is not None and geheel >= MINIMUM else None
            aandeel, volledig = aandeel_in(maand, veld)
            if veld.startswith("herinstroom.") and volledig != (geheel is not None):
                verschillen.append(f"{sleutel} {veld}: volledig volgens het log {geheel is not None}, endpoint {volledig}")
            if (verwacht is None) != (aandeel is None) or (verwacht is not None and abs(verwacht - aandeel) > 1e-9):
                verschillen.append(f"{sleutel} {veld} aandeel: log {verwacht}, endpoint {aandeel}")

    extra = set(endpoint) - {(r["gemeente"], r["maand"]) for r in rijen}
    verschillen += [f"{s}: in het antwoord, niet in het log" for s in sorted(extra) if any(
        isinstance(v, int) and v > 0 for v in endpoint[s].values())]
    return len(endpoint), cellen, verschillen, onderdrukt


if __name__ == "__main__":
    sys.exit(main())
