-- The keys that protect session cookies and antiforgery tokens, kept in the store so that every server of a deployment
-- reads the same ones (a cookie issued by one server is valid on the others and after restarts). Used on PostgreSQL;
-- one server on SQLite keeps them in files beside its database.
CREATE TABLE data_protection_keys (
    name       TEXT PRIMARY KEY,              -- the key's friendly name, as the key manager gives it
    xml        TEXT NOT NULL,                 -- the key's XML element
    created_at TEXT NOT NULL
);
