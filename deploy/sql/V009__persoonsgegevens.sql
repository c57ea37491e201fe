-- Trajecten schema version 9: crypto-shredding. Personal data is sealed with a data key per client (and per signal);
-- the keys live here, wrapped by a master key that lives only in configuration. Destroying a key makes every copy of
-- what it sealed unreadable at once — log rows, grain state, backups — while the log stays append-only.

-- The personal members of a fact, sealed apart (AES-256-GCM; the row's gegevens holds '[versleuteld]' in their place).
ALTER TABLE trajecten_gebeurtenissen ADD COLUMN persoonlijk bytea;

CREATE TABLE trajecten_sleutels (
    sleutel_id    text        PRIMARY KEY,          -- the clientId (the client's file) or clientId/signaalId (one signal)
    client_id     text        NOT NULL,
    hoofdsleutel  text,                             -- the id of the master key that wraps it; null once destroyed
    ingepakt      bytea,                            -- the data key wrapped by that master key; null once destroyed
    gemaakt       timestamptz NOT NULL DEFAULT now(),
    vernietigd_op timestamptz,
    CHECK ((ingepakt IS NULL) = (hoofdsleutel IS NULL)),
    CHECK ((ingepakt IS NULL) = (vernietigd_op IS NOT NULL))
);
CREATE INDEX trajecten_sleutels_client ON trajecten_sleutels (client_id);
CREATE INDEX trajecten_sleutels_hoofdsleutel ON trajecten_sleutels (hoofdsleutel) WHERE ingepakt IS NOT NULL;

-- A destroyed key stays destroyed, and no key row is ever deleted (its row is the proof that it was destroyed).
CREATE FUNCTION trajecten_sleutels_onherroepelijk() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'trajecten_sleutels: een sleutel wordt vernietigd, niet verwijderd';
    END IF;
    IF OLD.vernietigd_op IS NOT NULL THEN
        RAISE EXCEPTION 'trajecten_sleutels: sleutel % is vernietigd en blijft dat', OLD.sleutel_id;
    END IF;
    RETURN NEW;
END
$f$;
CREATE TRIGGER trajecten_sleutels_onherroepelijk
    BEFORE UPDATE OR DELETE ON trajecten_sleutels
    FOR EACH ROW EXECUTE FUNCTION trajecten_sleutels_onherroepelijk();

-- Per master key, a value sealed with it: at start-up it proves the configured key is the one that wrapped the keys.
CREATE TABLE trajecten_hoofdsleutels (
    id       text        PRIMARY KEY,
    controle bytea       NOT NULL,
    gemaakt  timestamptz NOT NULL DEFAULT now()
);

-- The non-personal record that personal data was destroyed, kept as archives must. Append-only.
CREATE TABLE trajecten_vernietigingen (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    client_id        text        NOT NULL,
    sleutel_id       text,                          -- null: every key of the client (the whole file)
    grondslag        text        NOT NULL,          -- a code: verzoek-betrokkene, bewaartermijn-verstreken, onrechtmatig-verwerkt
    aangevraagd_door text        NOT NULL,          -- medewerker ids (token sub)
    bevestigd_door   text        NOT NULL,
    op               timestamptz NOT NULL,
    sleutels         integer     NOT NULL
);
CREATE INDEX trajecten_vernietigingen_client ON trajecten_vernietigingen (client_id, op);

CREATE FUNCTION trajecten_vernietigingen_alleen_toevoegen() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
    RAISE EXCEPTION 'trajecten_vernietigingen is append-only (%)', TG_OP;
END
$f$;
CREATE TRIGGER trajecten_vernietigingen_onveranderlijk
    BEFORE UPDATE OR DELETE ON trajecten_vernietigingen
    FOR EACH ROW EXECUTE FUNCTION trajecten_vernietigingen_alleen_toevoegen();
CREATE TRIGGER trajecten_vernietigingen_niet_legen
    BEFORE TRUNCATE ON trajecten_vernietigingen
    FOR EACH STATEMENT EXECUTE FUNCTION trajecten_vernietigingen_alleen_toevoegen();
