-- Issue 12: SMS invitations go out in batches of their own transactions, resumable after a crash. A send request
-- covers the invitations that existed when it was made (up to sms_send_upto); the batches and the resuming job
-- take only those, so people added to the sample later wait for the next request.
ALTER TABLE survey_campaign
    ADD COLUMN sms_send_upto      bigint,
    ADD COLUMN sms_requested_at   timestamptz,
    ADD COLUMN sms_requested_by   text;
-- the next batch of a campaign, found without reading the invitations already sent
CREATE INDEX survey_invitation_sms_pending ON survey_invitation (campaign_id, id)
    WHERE channel = 'SMS' AND status = 'INVITED' AND sms_sent_at IS NULL;
