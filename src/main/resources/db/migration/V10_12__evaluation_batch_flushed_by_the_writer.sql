-- Decision 0054 (issue 14): the writer's batch commits without waiting for its WAL flush; the application waits for
-- the flush itself, once for every batch committed meanwhile, before it shows any of their receipts. Each of the two
-- writers used to wait for its own commit's flush (the batch backends' samples: IO:WalSync and LWLock:WALWrite, half
-- of their time), and while both waited, forms queued and a quarter of the two cores stayed idle.
-- V10_11's call with one more parameter: p_flushed_by_caller true sets synchronous_commit off for this transaction
-- only (is_local), so the commit returns before its WAL is on disk; the caller must not answer anyone before a later
-- synchronous commit (which flushes all WAL written before it) has returned. false is V10_11's call exactly.
CREATE FUNCTION evaluation_intake_batch(
    p_keys uuid[], p_codes text[], p_targets bigint[], p_units bigint[], p_officers bigint[], p_overall text[],
    p_ratings text[], p_comments text[], p_phones text[], p_clues boolean[], p_at_millis bigint[], p_days date[],
    p_device_keys text[], p_phone_keys text[], p_address_keys text[],
    p_limit_device integer, p_limit_phone integer, p_limit_address integer, p_bursts text[],
    p_cities bigint[], p_stripe integer, p_flushed_by_caller boolean)
RETURNS TABLE (idempotency_key uuid, id bigint, tracking_code text, has_clue boolean, inserted boolean)
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_config('minyi.evaluation_stripe', p_stripe::text, true);
    IF p_flushed_by_caller THEN
        PERFORM set_config('synchronous_commit', 'off', true);
    END IF;
    RETURN QUERY SELECT * FROM evaluation_intake_batch(p_keys, p_codes, p_targets, p_units, p_officers, p_overall,
        p_ratings, p_comments, p_phones, p_clues, p_at_millis, p_days, p_device_keys, p_phone_keys, p_address_keys,
        p_limit_device, p_limit_phone, p_limit_address, p_bursts, p_cities);
END
$$;
