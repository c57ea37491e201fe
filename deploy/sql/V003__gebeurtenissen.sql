-- Trajecten schema version 3: the event log of milestones, the source of truth for back-office feeds.
-- Positions are handed out under a transaction-scoped advisory lock (single writer at a time), so they
-- are gapless and become visible in order: a reader that takes "everything after N" never skips a fact
-- that commits late.

CREATE TABLE trajecten_gebeurtenissen (
    positie          bigint      PRIMARY KEY,
    traject_id       text        NOT NULL,
    volgnummer       integer     NOT NULL,
    mijlpaal_id      text        NOT NULL,
    client_id        text        NOT NULL,
    gemeente         text        NOT NULL,
    traject_soort    integer     NOT NULL,
    soort            text        NOT NULL,
    mijlpaal         jsonb       NOT NULL,
    geregistreerd_op timestamptz NOT NULL,
    UNIQUE (traject_id, volgnummer)
);
CREATE INDEX trajecten_gebeurtenissen_gemeente ON trajecten_gebeurtenissen (gemeente, positie);
