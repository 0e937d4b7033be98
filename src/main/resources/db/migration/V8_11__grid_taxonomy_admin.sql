-- The admin page for the grid's configuration tables (decision 0020): a grid kind can be deactivated like a
-- category, and "is this category in use?" is an index probe instead of a scan of the events.
ALTER TABLE grid_kind ADD COLUMN active boolean NOT NULL DEFAULT true;
ALTER TABLE grid_kind ADD CONSTRAINT grid_kind_code CHECK (code ~ '^[A-Z_]{2,30}$');
CREATE INDEX grid_event_category_used ON grid_event (category);
