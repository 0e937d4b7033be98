-- Every node keeps the Open311 clients (by key) and services it has read in memory (issue 11, decision 0048: each
-- POST read both). Any commit that writes what they are read from tells the listening nodes, which forget them: a
-- revoked key is refused, a changed service seen, as soon as the notification arrives (the node that writes forgets
-- at the end of its own transaction). A client's "last used" moment changes nothing a node keeps: not notified.
-- The trigger function is V10_21's notify_change, the channel its argument.
CREATE TRIGGER open311_client_changed AFTER INSERT OR DELETE OR TRUNCATE
    OR UPDATE OF name, key_hash, key_prefix, jurisdiction_id, per_minute, active ON open311_client
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change('minyi_open311');
CREATE TRIGGER open311_service_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON open311_service
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change('minyi_open311');
CREATE TRIGGER open311_service_attribute_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON open311_service_attribute FOR EACH STATEMENT EXECUTE FUNCTION notify_change('minyi_open311');

-- A service answers with its unit's name: the organisation tells when a unit changes (anyone may listen).
CREATE TRIGGER unit_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON unit
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change('minyi_org_unit');
