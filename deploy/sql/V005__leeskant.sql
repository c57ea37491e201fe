-- Trajecten schema version 5: every fact in the log, and the read side.
--
-- The log: each row names its event type (column feit, a Dutch code) and the schema version of its JSON
-- (schema_versie: 1 = enums as C# member names, 2 = Dutch codes). The traject soort is stored as its code.
-- Every row belongs to the partition of its client: the first base32 character of the clientId modulo 16
-- (the clientId is a keyed hash, so this is uniform); the projections read one partition at a time.
ALTER TABLE trajecten_gebeurtenissen DROP CONSTRAINT IF EXISTS trajecten_gebeurtenissen_feit_check;
-- soort: a milestone's soort or a signal's domain (the feed filters on it); other facts have none.
ALTER TABLE trajecten_gebeurtenissen ALTER COLUMN soort DROP NOT NULL;
ALTER TABLE trajecten_gebeurtenissen ADD COLUMN schema_versie smallint NOT NULL DEFAULT 1;
ALTER TABLE trajecten_gebeurtenissen ALTER COLUMN schema_versie DROP DEFAULT;
ALTER TABLE trajecten_gebeurtenissen ALTER COLUMN traject_soort TYPE text
    USING CASE traject_soort WHEN 0 THEN 're-integratie' WHEN 1 THEN 'participatie' END;
ALTER TABLE trajecten_gebeurtenissen ADD COLUMN partitie smallint NOT NULL
    GENERATED ALWAYS AS (((strpos('abcdefghijklmnopqrstuvwxyz234567', substr(client_id, 4, 1)) + 31) % 32) % 16) STORED;
CREATE INDEX trajecten_gebeurtenissen_partitie ON trajecten_gebeurtenissen (partitie, positie);

-- Where each projection stands in each partition. A rebuild or a retry bumps the generation: a reader that
-- still works from the old one finds its checkpoint write refused and starts again from the new stand.
CREATE TABLE trajecten_projectie_stand (
    projectie  text     NOT NULL,
    partitie   smallint NOT NULL,
    positie    bigint   NOT NULL,
    generatie  integer  NOT NULL,
    PRIMARY KEY (projectie, partitie)
);

-- Facts a projection parked: one that kept failing, and the later facts of the same client behind it.
CREATE TABLE trajecten_projectie_geparkeerd (
    projectie     text        NOT NULL,
    positie       bigint      NOT NULL,
    partitie      smallint    NOT NULL,
    client_id     text        NOT NULL,
    fout          text        NOT NULL,
    geparkeerd_op timestamptz NOT NULL,
    PRIMARY KEY (projectie, positie)
);

-- The caseload: one row per client, written by the projection 'caseload' (read it, never write it).
CREATE TABLE trajecten_caseload_clienten (
    client_id              text        PRIMARY KEY,
    gemeente               text        NOT NULL,
    klantmanager           text,                      -- medewerker id (token sub)
    klantmanager_naam      text,
    naam                   text,
    naam_sleutel           text        NOT NULL,      -- lower case, accents removed: search and order
    geboortedatum          date,
    aandachtspunten        text[]      NOT NULL,      -- codes, e.g. schuldhulp-tijdens-traject
    aandachtspunten_detail jsonb       NOT NULL,      -- [{code, omschrijving, sinds, trajectId}]
    volgende_termijn       timestamptz,               -- earliest pending deadline of any traject
    volgende_termijn_soort text,                      -- zoekperiode, herbeoordeling, nazorg
    urgentie               timestamptz NOT NULL,      -- earliest aandachtspunt or deadline ('infinity': none)
    laatste_activiteit     timestamptz NOT NULL,      -- time of the client's latest fact
    laatste_positie        bigint      NOT NULL       -- the log position this row reflects
);
CREATE INDEX trajecten_caseload_naam ON trajecten_caseload_clienten (gemeente, naam_sleutel COLLATE "C", client_id COLLATE "C");
CREATE INDEX trajecten_caseload_klantmanager ON trajecten_caseload_clienten (klantmanager, urgentie, client_id COLLATE "C");
CREATE INDEX trajecten_caseload_klantmanager_naam ON trajecten_caseload_clienten (klantmanager, naam_sleutel COLLATE "C", client_id COLLATE "C");
CREATE INDEX trajecten_caseload_aandachtspunten ON trajecten_caseload_clienten USING gin (aandachtspunten);

-- The open trajecten of each client in the caseload.
CREATE TABLE trajecten_caseload_trajecten (
    traject_id             text PRIMARY KEY,
    client_id              text NOT NULL REFERENCES trajecten_caseload_clienten (client_id) ON DELETE CASCADE,
    soort                  text NOT NULL,             -- re-integratie, participatie
    fase                   text NOT NULL,             -- aangemeld … leerwerkbedrijf, plaatsing
    doelgroep              text,                      -- volledig, beperkt, beschut, zorg
    volgende_termijn       timestamptz,
    volgende_termijn_soort text
);
CREATE INDEX trajecten_caseload_trajecten_client ON trajecten_caseload_trajecten (client_id);
CREATE INDEX trajecten_caseload_trajecten_fase ON trajecten_caseload_trajecten (fase, client_id);
