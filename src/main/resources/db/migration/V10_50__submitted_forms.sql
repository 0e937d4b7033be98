-- A staff form is taken once (decision 0075): every POST form of the console carries a token of its own, drawn when
-- the page was rendered, and the handlers of forms that create a record write the token here in the transaction that
-- creates it. A second POST of the same form — a double click, a browser or a phone sending it again after a timeout —
-- finds its token and changes nothing. Kept 90 days (SubmittedForms' daily sweep). IF NOT EXISTS: SchemaBaselineTests
-- runs the files after the baseline again.
CREATE TABLE IF NOT EXISTS submitted_form (
    staff_id bigint NOT NULL,
    token text NOT NULL,
    form text NOT NULL,
    submitted_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT submitted_form_pkey PRIMARY KEY (staff_id, token)
);
CREATE INDEX IF NOT EXISTS submitted_form_submitted_at ON submitted_form (submitted_at);
