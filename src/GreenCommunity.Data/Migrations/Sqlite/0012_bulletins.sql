-- Bulletins (通报): the province's monthly account of the figures, with its remarks. A draft is computed from the
-- figures each time it is shown; publishing freezes the figures into content and gives the bulletin the next number
-- of its year ("2026年第3期"). A published bulletin never changes and is never deleted (the triggers below).
CREATE TABLE bulletins (
    id            INTEGER PRIMARY KEY,
    bulletin_id   TEXT NOT NULL UNIQUE,                 -- the public id
    month         TEXT NOT NULL,                        -- YYYY-MM, the month the figures are for
    status        TEXT NOT NULL CHECK (status IN ('draft', 'published')),
    remarks       TEXT NOT NULL DEFAULT '',
    number_year   INTEGER,                              -- the year it was published in (China time)
    number        INTEGER,                              -- its number within that year, from 1
    content       TEXT,                                 -- the figures as JSON, frozen at publishing
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,                        -- the audit actor: 'user:admin', 'token:1'
    published_at  TEXT,
    published_by  TEXT,
    CHECK ((status = 'draft' AND number_year IS NULL AND number IS NULL AND content IS NULL AND published_at IS NULL AND published_by IS NULL)
        OR (status = 'published' AND number_year IS NOT NULL AND number >= 1 AND content IS NOT NULL AND published_at IS NOT NULL AND published_by IS NOT NULL)),
    UNIQUE (number_year, number)
);

CREATE INDEX ix_bulletins_month ON bulletins (month);

CREATE TRIGGER bulletins_published_immutable BEFORE UPDATE ON bulletins
WHEN OLD.status = 'published'
BEGIN
    SELECT RAISE(ABORT, 'a published bulletin cannot be changed');
END;

CREATE TRIGGER bulletins_published_kept BEFORE DELETE ON bulletins
WHEN OLD.status = 'published'
BEGIN
    SELECT RAISE(ABORT, 'a published bulletin cannot be deleted');
END;
