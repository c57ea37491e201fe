-- Trajecten schema version 6: the management read model, written by the projection 'kengetallen' (read it, never
-- write it). Codes and dates only: no name, no BSN; client_id is the pseudonymous key (a keyed hash) that tells a
-- person who comes back from a new one. Queryable by SQL for the organisation's own reports.

-- One row per traject, as it stands after the facts up to laatste_positie (corrections applied, withdrawals left out).
CREATE TABLE trajecten_kengetallen_trajecten (
    traject_id      text    PRIMARY KEY,
    client_id       text    NOT NULL,
    gemeente        text    NOT NULL,             -- the traject's gemeente now (it follows the client's moves)
    soort           text    NOT NULL,             -- re-integratie, participatie
    fase            text    NOT NULL,             -- aangemeld … uitstroom, beeindigd
    doelgroep       text,                         -- volledig, beperkt, beschut, zorg (after a diagnose)
    aangemeld_op    date    NOT NULL,
    intake_op       date,
    diagnose_op     date,
    plaatsing_op    date,
    zoekperiode_tot date,                         -- when the traject left the intake phase
    afgesloten_op   date,                         -- the date of the uitstroom or beeindiging
    uitkomst        text,                         -- uitstroom-werk, uitstroom-opleiding, uitstroom-overig, beeindigd
    mijlpalen       text[]  NOT NULL,             -- the milestones that count, as soort codes
    nazorg          jsonb   NOT NULL,             -- [{controle: months after uitstroom, aanHetWerk}]
    termijnen       jsonb   NOT NULL,             -- open deadlines [{soort, vervaltijd, verstreken}]
    verstreken      text[]  NOT NULL,             -- one termijn code per deadline that fell due
    correcties      integer NOT NULL,
    intrekkingen    integer NOT NULL,
    laatste_positie bigint  NOT NULL              -- the log position this row reflects
);
CREATE INDEX trajecten_kengetallen_trajecten_gemeente ON trajecten_kengetallen_trajecten (gemeente);
CREATE INDEX trajecten_kengetallen_trajecten_client ON trajecten_kengetallen_trajecten (client_id);

-- One row per client: gemeente, klantmanager (a medewerker id) and aandachtspunten as codes.
CREATE TABLE trajecten_kengetallen_clienten (
    client_id       text   PRIMARY KEY,
    gemeente        text   NOT NULL,
    klantmanager    text,
    aandachtspunten text[] NOT NULL,
    laatste_positie bigint NOT NULL
);

-- One row per signal received: about whom, domain, soort and date. Never content. A signal counts for the gemeente its
-- client has now (join trajecten_kengetallen_clienten), like a traject; signals about people who are no client count nowhere.
CREATE TABLE trajecten_kengetallen_signalen (
    positie   bigint PRIMARY KEY,                 -- the signal's position in the log
    client_id text   NOT NULL,
    domein    text   NOT NULL,
    soort     text   NOT NULL,
    datum     date   NOT NULL
);
CREATE INDEX trajecten_kengetallen_signalen_client ON trajecten_kengetallen_signalen (client_id);
