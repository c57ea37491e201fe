-- Trajecten schema version 2: the access log (BIO: action, object, result, origin, actor, time), one row
-- per data subject, linked to traces by trace id. Append-only: updates, deletes and truncation are refused.

CREATE TABLE trajecten_verwerkingen (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tijdstip     timestamptz NOT NULL,
    actie        text        NOT NULL,
    object_soort text        NOT NULL,
    object_id    text,
    client_id    text        NOT NULL,
    resultaat    text        NOT NULL,
    actor        text        NOT NULL,
    rollen       text        NOT NULL,
    origine      text,
    trace_id     text
);
CREATE INDEX trajecten_verwerkingen_client ON trajecten_verwerkingen (client_id, tijdstip);

CREATE FUNCTION trajecten_verwerkingen_alleen_toevoegen() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
    RAISE EXCEPTION 'trajecten_verwerkingen is append-only (%)', TG_OP;
END
$f$;

CREATE TRIGGER trajecten_verwerkingen_onveranderlijk
    BEFORE UPDATE OR DELETE ON trajecten_verwerkingen
    FOR EACH ROW EXECUTE FUNCTION trajecten_verwerkingen_alleen_toevoegen();

CREATE TRIGGER trajecten_verwerkingen_niet_legen
    BEFORE TRUNCATE ON trajecten_verwerkingen
    FOR EACH STATEMENT EXECUTE FUNCTION trajecten_verwerkingen_alleen_toevoegen();
