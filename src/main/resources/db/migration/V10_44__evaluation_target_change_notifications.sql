-- Every node keeps the evaluation targets it has read by code until a commit writes what they show (decision 0064,
-- evaluation/internal/EvaluationTargetCache): the codes themselves and the officers' names, positions and badges.
-- Units and places already notify (decision 0048). Statement triggers: one notification a statement, none on the
-- intake path, which only reads these tables. OR REPLACE: SchemaBaselineTests runs the files after the baseline again
-- on a schema that has them.
CREATE OR REPLACE TRIGGER evaluation_target_changed AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON evaluation_target
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change('minyi_evaluation_target');

CREATE OR REPLACE TRIGGER officer_changed AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON officer
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change('minyi_org_officer');
