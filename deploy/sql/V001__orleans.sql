-- Trajecten schema version 1: the tables and named queries Orleans' ADO.NET providers use
-- (grain storage, cluster membership, reminders). Written for this project from the provider
-- contract (shared/ADONET-CONTRACT.md). Applied once, in a transaction, by the schema migrator.

-- The providers read their queries from here at start-up: SELECT QueryKey, QueryText FROM OrleansQuery.
CREATE TABLE orleansquery (
    querykey  text PRIMARY KEY,
    querytext text NOT NULL
);

-- Grain state. A grain's identity is (service, state name, key); the key is N0/N1 for Guid and
-- integer keys and the extension string for string keys ('' when there is none).
CREATE TABLE orleans_storage (
    service_id      text        NOT NULL,
    grain_type      text        NOT NULL,
    grain_id_n0     bigint      NOT NULL,
    grain_id_n1     bigint      NOT NULL,
    grain_id_ext    text        NOT NULL,
    grain_type_hash integer     NOT NULL,
    grain_id_hash   integer     NOT NULL,
    payload         bytea,
    version         integer     NOT NULL,
    modified_on     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_ext)
);

-- Cluster membership: one version row per cluster (deployment), one row per silo incarnation.
CREATE TABLE orleans_membership_version (
    deployment_id text        PRIMARY KEY,
    version       integer     NOT NULL DEFAULT 0,
    changed_on    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE orleans_membership (
    deployment_id   text        NOT NULL REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
    address         text        NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,
    proxy_port      integer,
    suspect_times   text,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- Reminders: durable timers, found by grain and by hash range (each silo owns a range).
CREATE TABLE orleans_reminders (
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    start_time    timestamptz NOT NULL,
    period        bigint      NOT NULL,
    grain_hash    integer     NOT NULL,
    version       integer     NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);
CREATE INDEX orleans_reminders_hash ON orleans_reminders (service_id, grain_hash);

INSERT INTO orleansquery (querykey, querytext) VALUES

-- ---------------------------------------------------------------- grain storage
('ReadFromStorageKey', $q$
SELECT payload AS payloadbinary, version AS version
FROM orleans_storage
WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND grain_id_ext = coalesce(@GrainIdExtensionString, '')
$q$),

-- Always exactly one row: the new version, or NULL when the caller's version is stale
-- (or, on a first write, when another activation wrote first).
('WriteToStorageKey', $q$
WITH bijgewerkt AS (
    UPDATE orleans_storage
       SET payload = @PayloadBinary, version = version + 1, modified_on = now()
     WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
       AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
       AND grain_id_ext = coalesce(@GrainIdExtensionString, '')
       AND @GrainStateVersion::integer IS NOT NULL AND version = @GrainStateVersion::integer
    RETURNING version
), nieuw AS (
    INSERT INTO orleans_storage (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_ext,
                                 grain_type_hash, grain_id_hash, payload, version)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, coalesce(@GrainIdExtensionString, ''),
           @GrainTypeHash, @GrainIdHash, @PayloadBinary, 1
     WHERE @GrainStateVersion::integer IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version
)
SELECT (SELECT version FROM bijgewerkt UNION ALL SELECT version FROM nieuw LIMIT 1) AS newgrainstateversion
$q$),

-- Clears the payload but keeps the row, so the version keeps counting.
('ClearStorageKey', $q$
WITH bijgewerkt AS (
    UPDATE orleans_storage
       SET payload = NULL, version = version + 1, modified_on = now()
     WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
       AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
       AND grain_id_ext = coalesce(@GrainIdExtensionString, '')
       AND @GrainStateVersion::integer IS NOT NULL AND version = @GrainStateVersion::integer
    RETURNING version
), nieuw AS (
    INSERT INTO orleans_storage (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_ext,
                                 grain_type_hash, grain_id_hash, payload, version)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, coalesce(@GrainIdExtensionString, ''),
           @GrainTypeHash, @GrainIdHash, NULL, 1
     WHERE @GrainStateVersion::integer IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version
)
SELECT (SELECT version FROM bijgewerkt UNION ALL SELECT version FROM nieuw LIMIT 1) AS newgrainstateversion
$q$),

-- ---------------------------------------------------------------- membership
('InsertMembershipVersionKey', $q$
WITH nieuw AS (
    INSERT INTO orleans_membership_version (deployment_id) VALUES (@DeploymentId)
    ON CONFLICT DO NOTHING
    RETURNING 1
)
SELECT count(*) > 0 FROM nieuw
$q$),

('MembershipReadAllKey', $q$
SELECT v.version AS version, m.address AS address, m.port AS port, m.generation AS generation,
       m.silo_name AS siloname, m.host_name AS hostname, m.status AS status, m.proxy_port AS proxyport,
       m.suspect_times AS suspecttimes, m.start_time AS starttime, m.i_am_alive_time AS iamalivetime
FROM orleans_membership_version v
LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId
$q$),

('MembershipReadRowKey', $q$
SELECT v.version AS version, m.address AS address, m.port AS port, m.generation AS generation,
       m.silo_name AS siloname, m.host_name AS hostname, m.status AS status, m.proxy_port AS proxyport,
       m.suspect_times AS suspecttimes, m.start_time AS starttime, m.i_am_alive_time AS iamalivetime
FROM orleans_membership_version v
LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
      AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
WHERE v.deployment_id = @DeploymentId
$q$),

-- Atomic: only when the table version is the one the silo read and the member is new.
('InsertMembershipKey', $q$
WITH versie AS (
    UPDATE orleans_membership_version
       SET version = version + 1, changed_on = now()
     WHERE deployment_id = @DeploymentId AND version = @Version
       AND NOT EXISTS (SELECT 1 FROM orleans_membership
                        WHERE deployment_id = @DeploymentId AND address = @Address
                          AND port = @Port AND generation = @Generation)
    RETURNING deployment_id
), lid AS (
    INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name,
                                    status, proxy_port, start_time, i_am_alive_time)
    SELECT deployment_id, @Address, @Port, @Generation, @SiloName, @HostName,
           @Status, @ProxyPort, @StartTime, @IAmAliveTime
      FROM versie
    RETURNING 1
)
SELECT count(*) = 1 FROM lid
$q$),

('UpdateMembershipKey', $q$
WITH versie AS (
    UPDATE orleans_membership_version
       SET version = version + 1, changed_on = now()
     WHERE deployment_id = @DeploymentId AND version = @Version
       AND EXISTS (SELECT 1 FROM orleans_membership
                    WHERE deployment_id = @DeploymentId AND address = @Address
                      AND port = @Port AND generation = @Generation)
    RETURNING deployment_id
), lid AS (
    UPDATE orleans_membership m
       SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
      FROM versie
     WHERE m.deployment_id = versie.deployment_id AND m.address = @Address
       AND m.port = @Port AND m.generation = @Generation
    RETURNING 1
)
SELECT count(*) = 1 FROM lid
$q$),

('UpdateIAmAlivetimeKey', $q$
UPDATE orleans_membership
   SET i_am_alive_time = @IAmAliveTime
 WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
$q$),

('DeleteMembershipTableEntriesKey', $q$
DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId
$q$),

('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleans_membership
 WHERE deployment_id = @DeploymentId AND i_am_alive_time < @IAmAliveTime AND status = 6
$q$),

('GatewaysQueryKey', $q$
SELECT address AS address, proxy_port AS proxyport, generation AS generation
  FROM orleans_membership
 WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
$q$),

-- ---------------------------------------------------------------- reminders
('ReadReminderRowsKey', $q$
SELECT grain_id AS grainid, reminder_name AS remindername, start_time AS starttime, period AS period, version AS version
  FROM orleans_reminders
 WHERE service_id = @ServiceId AND grain_id = @GrainId
$q$),

('ReadReminderRowKey', $q$
SELECT grain_id AS grainid, reminder_name AS remindername, start_time AS starttime, period AS period, version AS version
  FROM orleans_reminders
 WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
$q$),

('ReadRangeRows1Key', $q$
SELECT grain_id AS grainid, reminder_name AS remindername, start_time AS starttime, period AS period, version AS version
  FROM orleans_reminders
 WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash
$q$),

('ReadRangeRows2Key', $q$
SELECT grain_id AS grainid, reminder_name AS remindername, start_time AS starttime, period AS period, version AS version
  FROM orleans_reminders
 WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)
$q$),

('UpsertReminderRowKey', $q$
INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
   SET start_time = excluded.start_time, period = excluded.period,
       grain_hash = excluded.grain_hash, version = orleans_reminders.version + 1
RETURNING version AS version
$q$),

('DeleteReminderRowKey', $q$
WITH weg AS (
    DELETE FROM orleans_reminders
     WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
       AND version = @Version
    RETURNING 1
)
SELECT count(*) > 0 FROM weg
$q$),

('DeleteReminderRowsKey', $q$
DELETE FROM orleans_reminders WHERE service_id = @ServiceId
$q$);
