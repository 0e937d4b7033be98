-- Decision 0037, corrected: supervision is fed by casework's events, never by casework's tables (V5_1), so its rows
-- must not take their city from `cases` — an event about a case this database does not hold (a replayed or made-up
-- one) would leave the listener failing for good. A co-handling part takes the city of supervision's own projection
-- of the case, which the listener writes first; the raised-about rows get it from the listener (the event's
-- jurisdiction), with the projection as the filler for bulk tools.
DROP TRIGGER supervised_assist_city_id ON supervised_assist;
CREATE TRIGGER supervised_assist_city_id BEFORE INSERT ON supervised_assist FOR EACH ROW WHEN (NEW.city_id IS NULL)
    EXECUTE FUNCTION city_id_from_parent('supervised_case', 'case_id', 'case_id');
DROP TRIGGER raised_about_city_id ON raised_about;
CREATE TRIGGER raised_about_city_id BEFORE INSERT ON raised_about FOR EACH ROW WHEN (NEW.city_id IS NULL)
    EXECUTE FUNCTION city_id_from_parent('supervised_case', 'case_id', 'case_id');
