-- Version 1 of creact's PostgreSQL schema. ${schema} is the configured schema (default: creact).
-- Everything is keyed by stack name; nothing here interprets what creact stores, except the few
-- columns the backend itself needs (serials, the deployment status, lease times).

-- The deployed state: one row per stack. The CloudDOM is kept as the exact JSON text creact wrote
-- (not jsonb, which would reorder keys), with its SHA-256 so a hand edit is caught.
CREATE TABLE ${schema}.states (
    stack          text        PRIMARY KEY,
    serial         bigint      NOT NULL CHECK (serial > 0),
    format_version integer     NOT NULL,
    checksum       text        NOT NULL,
    cloud_dom      text        NOT NULL,
    version        uuid        NOT NULL,
    written_at     timestamptz NOT NULL DEFAULT now()
);

-- The last deployment record of each stack; its status has a column of its own so the check for an
-- interrupted deployment reads a few bytes, not two CloudDOMs.
CREATE TABLE ${schema}.deployments (
    stack      text        PRIMARY KEY,
    status     text        NOT NULL,
    record     text        NOT NULL,
    written_at timestamptz NOT NULL DEFAULT now()
);

-- Journals: each stack's current generation (a fresh journal is the next one; the one before is kept).
CREATE TABLE ${schema}.journals (
    stack      text   PRIMARY KEY,
    generation bigint NOT NULL
);

CREATE TABLE ${schema}.journal_entries (
    id         bigserial PRIMARY KEY,
    stack      text      NOT NULL,
    generation bigint    NOT NULL,
    entry      text      NOT NULL
);
CREATE INDEX journal_entries_by_stack ON ${schema}.journal_entries (stack, generation, id);

-- Stack locks as leases: the holder renews expires_at while it runs; session_key is a session-level
-- advisory lock its connection holds, so a holder whose connection ended (its process died) is seen
-- at once, not only when the lease expires.
CREATE TABLE ${schema}.locks (
    stack       text        PRIMARY KEY,
    lock_id     text        NOT NULL,
    holder_user text        NOT NULL,
    host        text        NOT NULL,
    pid         bigint      NOT NULL,
    command     text        NOT NULL,
    acquired_at timestamptz NOT NULL,
    renewed_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    session_key bigint      NOT NULL
);

-- A stack's named documents (encrypted secrets, an adapter's own state): opaque bytes.
CREATE TABLE ${schema}.documents (
    stack      text        NOT NULL,
    name       text        NOT NULL,
    content    bytea       NOT NULL,
    written_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (stack, name)
);

-- A stack's append-only logs (the audit chain): one row per line, in order of id.
CREATE TABLE ${schema}.log_lines (
    id    bigserial PRIMARY KEY,
    stack text      NOT NULL,
    name  text      NOT NULL,
    line  text      NOT NULL
);
CREATE INDEX log_lines_by_stack ON ${schema}.log_lines (stack, name, id);
