"""Lines of the normalized description that differ between the engines on purpose, each with its reason.
The check fails on any other difference, and on a difference listed here that no longer occurs."""

_NULLABLE_TEXT_KEY = ("SQLite lets a NULL into a TEXT PRIMARY KEY of a rowid table (a legacy quirk); "
                      "a PostgreSQL PRIMARY KEY is always NOT NULL")
_NOCASE = ("SQLite's user_name is UNIQUE COLLATE NOCASE; the C-collated PostgreSQL database has no NOCASE, so the same "
           "UNIQUE plus a unique index on lower(user_name) refuses the same duplicates (lower() folds ASCII only under "
           "LC_CTYPE C, as NOCASE does). Equality and ORDER BY on user_name stay case-sensitive on PostgreSQL")

KNOWN = {
    ("sqlite", "column communities.code #1 text null"): _NULLABLE_TEXT_KEY,
    ("postgres", "column communities.code #1 text not null"): _NULLABLE_TEXT_KEY,
    ("sqlite", "column community_state.community_code #1 text null"): _NULLABLE_TEXT_KEY,
    ("postgres", "column community_state.community_code #1 text not null"): _NULLABLE_TEXT_KEY,
    ("sqlite", "unique users (user_name collate nocase)"): _NOCASE,
    ("postgres", "unique users (user_name)"): _NOCASE,
    ("postgres", "index users.ux_users_user_name_nocase unique (lower(user_name))"): _NOCASE,
}
