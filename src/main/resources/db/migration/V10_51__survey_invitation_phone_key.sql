-- A person is invited once per campaign (decision 0075): an imported list's phone is kept encrypted (randomised, so
-- not comparable), and a keyed digest of it beside, unique within the campaign; a list uploaded twice, or a person on
-- two lists, is invited (and texted) once. Rows imported before have no digest and are left as they are.
-- IF NOT EXISTS: SchemaBaselineTests runs the files after the baseline again.
ALTER TABLE survey_invitation ADD COLUMN IF NOT EXISTS phone_key text;
CREATE UNIQUE INDEX IF NOT EXISTS survey_invitation_campaign_phone
    ON survey_invitation (campaign_id, phone_key, city_id) WHERE phone_key IS NOT NULL;
