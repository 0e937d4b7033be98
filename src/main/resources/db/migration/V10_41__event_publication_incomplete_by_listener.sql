-- Issue 11, decision 0055: a drain takes one listener's incomplete publications, oldest first, in batches
-- (platform.PublicationDrains). Without this index each take read every incomplete publication of every listener
-- (and the dead index entries of those completed since the last vacuum) through the completion date's index and
-- sorted them: about 3 ms a take during a burst. Partial: a publication leaves it when it is completed.
CREATE INDEX IF NOT EXISTS event_publication_incomplete_by_listener_idx
    ON event_publication (listener_id, publication_date) WHERE completion_date IS NULL;
