-- Decision 0022: items of the three lists run up supervision's one ladder (reminder → supervision letter → circular)
-- like dispatched cases. Supervision's own projection of them, kept from the lists' events.
CREATE TABLE supervised_list_item (
    item_id          bigint PRIMARY KEY,
    kind             text   NOT NULL CHECK (kind IN ('PROBLEM', 'TASK', 'RESPONSIBILITY')),
    title            text   NOT NULL,
    unit_id          bigint NOT NULL,
    jurisdiction_id  bigint NOT NULL,
    deadline         date   NOT NULL,
    -- OPEN: with the owner unit; REPORTED: strike-off asked for, the issuing level owes the next move
    state            text   NOT NULL CHECK (state IN ('OPEN', 'REPORTED', 'STRUCK_OFF')),
    overdue_since    date,
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX supervised_list_item_open ON supervised_list_item (deadline, item_id) WHERE state = 'OPEN';
CREATE INDEX supervised_list_item_unit_overdue ON supervised_list_item (unit_id)
    WHERE state = 'OPEN' AND overdue_since IS NOT NULL;

-- The list items a letter concerns (a letter may name cases, items, or both).
CREATE TABLE supervision_letter_list_item (
    letter_id  bigint NOT NULL REFERENCES supervision_letter (id),
    item_id    bigint NOT NULL,
    kind       text   NOT NULL,
    deadline   date,
    title      text   NOT NULL,
    PRIMARY KEY (letter_id, item_id)
);
-- an item gets at most one reminder and one supervision letter per deadline, as a case does
CREATE UNIQUE INDEX supervision_letter_list_item_once ON supervision_letter_list_item (item_id, kind, deadline)
    WHERE kind IN ('REMINDER', 'SUPERVISION');
