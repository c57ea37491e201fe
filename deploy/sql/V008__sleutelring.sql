-- Trajecten schema version 8: the key ring of ASP.NET Core data protection, shared by every silo. It protects the
-- beheerder's sign-in to the Orleans Dashboard (the cookie, the form, the OIDC round trip), so that a browser signed in
-- through one silo is signed in on all of them behind a load balancer. One row per key, as data protection writes it
-- (XML with the key's id, dates and material); keys are added, never changed, and expire by their own dates.
CREATE TABLE trajecten_sleutelring (
    naam      text PRIMARY KEY,
    xml       text        NOT NULL,
    gemaakt   timestamptz NOT NULL DEFAULT now()
);
