-- A grid event escalated by a grid worker keeps its grid, so the pool shows where it came from and the worker (and
-- only the workers of that grid) can follow it and confirm it on site (核实) before it closes.
ALTER TABLE cases ADD COLUMN grid_id bigint REFERENCES grid (id);
CREATE INDEX cases_grid ON cases (grid_id, state) WHERE grid_id IS NOT NULL;
