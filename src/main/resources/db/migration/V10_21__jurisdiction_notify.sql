-- Every node keeps the jurisdictions it has read in memory (issue 11, decision 0048: an Open311 POST asked for them
-- four times). Any commit that writes the table tells the listening nodes, which forget them; whoever writes (the
-- organisation pages, an import, a script). One notification per statement; PostgreSQL folds identical notifications
-- of a transaction into one and delivers it only at commit (never for a rolled-back write).
-- One trigger function for every table a node keeps: the channel is the trigger's argument.
CREATE FUNCTION notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify(TG_ARGV[0], '');
    RETURN NULL;
END $$;

CREATE TRIGGER jurisdiction_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON jurisdiction
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change('minyi_org_jurisdiction');
