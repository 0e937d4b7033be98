-- What other modules may read of the organisation model (docs/decisions/0013): these views, with these columns.
-- Org may change its tables underneath; no password hash, phone or e-mail is in them. PostgreSQL inlines a view over
-- one table, so a join through it costs what a join on the table costs.
CREATE VIEW org_jurisdiction AS
    SELECT id, parent_id, level, code, name, path, active FROM jurisdiction;

CREATE VIEW org_unit AS
    SELECT id, parent_id, jurisdiction_id, type, code, name, active FROM unit;

CREATE VIEW org_officer AS
    SELECT id, unit_id, unit_system, badge_no, name, position, active FROM officer;

CREATE VIEW org_grid AS
    SELECT id, village_id, type, code, name, households, active FROM grid;

-- people by name and role, for lists and for routing; never the password hash, phone or e-mail
CREATE VIEW org_staff AS
    SELECT id, username, display_name, roles, unit_id, jurisdiction_id, officer_id, active FROM staff_account;

CREATE VIEW org_grid_worker AS
    SELECT grid_id, staff_id FROM grid_worker;
