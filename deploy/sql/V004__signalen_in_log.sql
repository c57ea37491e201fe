-- Trajecten schema version 4: the event log holds signals as well as milestones.
-- A row is one fact of one stream: a traject's milestones (stroom_id 'tr-…') or a client's signals
-- (stroom_id 'cl-…'), numbered 1, 2, 3… per stream. The back-office feed reads milestones only;
-- signals (with their content) are there for durability and for the relay into the klantbeeld.

ALTER TABLE trajecten_gebeurtenissen RENAME COLUMN traject_id TO stroom_id;
ALTER TABLE trajecten_gebeurtenissen RENAME COLUMN mijlpaal_id TO feit_id;
ALTER TABLE trajecten_gebeurtenissen RENAME COLUMN mijlpaal TO gegevens;
ALTER TABLE trajecten_gebeurtenissen ADD COLUMN feit text NOT NULL DEFAULT 'mijlpaal' CHECK (feit IN ('mijlpaal', 'signaal'));
ALTER TABLE trajecten_gebeurtenissen ALTER COLUMN feit DROP DEFAULT;
-- A signal may arrive before the person is a client of any gemeente.
ALTER TABLE trajecten_gebeurtenissen ALTER COLUMN gemeente DROP NOT NULL;
ALTER TABLE trajecten_gebeurtenissen ALTER COLUMN traject_soort DROP NOT NULL;
