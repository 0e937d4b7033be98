-- The hand-kept ledger of figures is retired: every figure now comes from records. Household visits typed into it
-- become visit records that name their source; the other ledger rows (counts and percentages with no underlying
-- records) are kept, read-only, in an archive table rather than turned into invented records.
INSERT INTO leader_visit (leader_name, jurisdiction_id, jurisdiction_path, visited_on, place, households, summary,
                          created_by, created_at)
SELECT '历史台账', jurisdiction_id, jurisdiction_path, month, '历史台账导入', value::integer,
       '原工作台账 ' || to_char(month, 'YYYY-MM') || ' 录入（录入人 ' || entered_by || '）' || coalesce('：' || note, ''),
       entered_by, entered_at
FROM staff_figure WHERE metric = 'LEADER_VISITS';

ALTER TABLE staff_figure RENAME TO staff_figure_archive;
COMMENT ON TABLE staff_figure_archive IS 'Figures typed in by hand before their modules existed (until 2026-11); read-only history.';
