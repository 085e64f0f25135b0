"""Lines of the normalized description that differ between the engines on purpose, each with its reason.
The check fails on any other difference, and on a difference listed here that no longer occurs."""

_NULLABLE_TEXT_KEY = ("SQLite lets a NULL into a TEXT PRIMARY KEY of a rowid table (a legacy quirk); "
                      "a PostgreSQL PRIMARY KEY is always NOT NULL")
_NOCASE = ("SQLite's user_name is UNIQUE COLLATE NOCASE; the C-collated PostgreSQL database has no NOCASE, so the same "
           "UNIQUE plus a unique index on lower(user_name) refuses the same duplicates (lower() folds ASCII only under "
           "LC_CTYPE C, as NOCASE does). Equality and ORDER BY on user_name stay case-sensitive on PostgreSQL")

_HISTORY_CHECKS = ("PostgreSQL's 0018 checks criterion_assessments' community and report once a statement (a trigger over the "
                   "appended rows, locking them FOR KEY SHARE as the keys did) and guards communities with history against "
                   "deletion and recoding, where its per-row keys cost a 5,000-update report about half a second; SQLite "
                   "keeps the keys (docs/PERFORMANCE.md, ninth round). The probes show both refusing the same rows")

KNOWN = {
    ("sqlite", "column communities.code #1 text null"): _NULLABLE_TEXT_KEY,
    ("postgres", "column communities.code #1 text not null"): _NULLABLE_TEXT_KEY,
    ("sqlite", "column community_state.community_code #1 text null"): _NULLABLE_TEXT_KEY,
    ("postgres", "column community_state.community_code #1 text not null"): _NULLABLE_TEXT_KEY,
    ("sqlite", "column data_protection_keys.name #1 text null"): _NULLABLE_TEXT_KEY,
    ("postgres", "column data_protection_keys.name #1 text not null"): _NULLABLE_TEXT_KEY,
    ("sqlite", "foreign key criterion_assessments (community_code) -> communities (code)"): _HISTORY_CHECKS,
    ("sqlite", "foreign key criterion_assessments (report) -> reports (id) deferrable initially deferred"): _HISTORY_CHECKS,
    ("postgres", "trigger communities.communities_keep_history before delete or update each row (calls communities_keep_history)"): _HISTORY_CHECKS,
    ("postgres", "trigger criterion_assessments.criterion_assessments_references_known after insert each statement "
                 "(calls criterion_assessments_references_known)"): _HISTORY_CHECKS,
    ("sqlite", "unique users (user_name collate nocase)"): _NOCASE,
    ("postgres", "unique users (user_name)"): _NOCASE,
    ("postgres", "index users.ux_users_user_name_nocase unique (lower(user_name))"): _NOCASE,
}
