-- Trajecten schema version 11: the access log's retention. Records may now be deleted, but only when they are older
-- than one year: the floor under any configured period (Bewaartermijnen:VerwerkingenJaren), so a mistaken setting or a
-- stray statement cannot remove who read whose data recently. Updates and truncation stay refused.
CREATE OR REPLACE FUNCTION trajecten_verwerkingen_alleen_toevoegen() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
    IF TG_OP = 'DELETE' AND OLD.tijdstip < now() - interval '1 year' THEN
        RETURN OLD;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'trajecten_verwerkingen: een regel van % mag nog niet weg (bewaartermijn minstens een jaar)', OLD.tijdstip;
    END IF;
    RAISE EXCEPTION 'trajecten_verwerkingen is append-only (%)', TG_OP;
END
$f$;

CREATE INDEX trajecten_verwerkingen_tijdstip ON trajecten_verwerkingen (tijdstip);
