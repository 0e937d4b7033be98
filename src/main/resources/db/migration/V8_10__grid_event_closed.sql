-- The daily report counts the grid events closed on a day whenever they were reported (办结 of the day): a range
-- read by path prefix and close time instead of a scan of the jurisdiction's events.
CREATE INDEX grid_event_closed ON grid_event (path text_pattern_ops, closed_at) WHERE closed_at IS NOT NULL;
