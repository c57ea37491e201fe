-- Trajecten schema version 7: the access log records the purpose of a processing where it is not the caller's own task
-- (AVG art. 5 purpose limitation): a back office reading what its notification points to, a back office asking which
-- clientId belongs to a BSN. Existing rows keep NULL: the caller's own task.
ALTER TABLE trajecten_verwerkingen ADD COLUMN doel text;
