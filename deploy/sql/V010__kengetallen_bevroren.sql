-- Trajecten schema version 10: the management figures of people whose personal data was destroyed. Their rows in the
-- kengetallen tables stay (codes and dates only), so the figures keep counting what happened, but no longer as an
-- active client: no klantmanager, no aandachtspunten, no open termijnen, and a traject still running ends on the day
-- with uitkomst 'vernietigd'. Nothing can recompute them from sealed facts, so a rebuild of the projection keeps the
-- rows of the clients listed here instead of emptying them.
CREATE TABLE trajecten_kengetallen_bevroren (
    client_id       text PRIMARY KEY,
    vernietigd_op   date NOT NULL
);
