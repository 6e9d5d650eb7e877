-- Prospects get a segment and the pre-send checklist; a segment carries a checklist its prospects
-- inherit entry by entry. A sequence version can require a trigger before anyone is enrolled.

ALTER TABLE prospects ADD COLUMN segment text;
ALTER TABLE prospects ADD COLUMN checklist jsonb NOT NULL DEFAULT '{}'::jsonb;
-- Listing pages walk prospects in creation order within a workspace.
CREATE INDEX prospects_workspace_created ON prospects (workspace_id, created_at, id);
CREATE INDEX prospects_workspace_segment ON prospects (workspace_id, segment) WHERE segment IS NOT NULL;

-- A segment is named by its prospects; a row here only holds its checklist.
CREATE TABLE segments (
    workspace_id uuid        NOT NULL REFERENCES workspaces (id),
    name         text        NOT NULL,
    checklist    jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, name)
);

ALTER TABLE sequence_versions ADD COLUMN requires_trigger boolean NOT NULL DEFAULT false;

-- A CSV import: its counts move as each batch commits, so a reader sees progress.
CREATE TABLE prospect_imports (
    id           uuid PRIMARY KEY,
    workspace_id uuid        NOT NULL REFERENCES workspaces (id),
    status       text        NOT NULL,
    segment      text,
    columns      jsonb       NOT NULL,
    rows_read    int         NOT NULL DEFAULT 0,
    created      int         NOT NULL DEFAULT 0,
    updated      int         NOT NULL DEFAULT 0,
    skipped      int         NOT NULL DEFAULT 0,
    error        text,
    created_at   timestamptz NOT NULL,
    finished_at  timestamptz
);
CREATE INDEX prospect_imports_workspace ON prospect_imports (workspace_id, created_at);

-- One result per data row; row_number is the row's place in the file, the header being row 1.
CREATE TABLE prospect_import_rows (
    import_id   uuid NOT NULL REFERENCES prospect_imports (id) ON DELETE CASCADE,
    row_number  int  NOT NULL,
    outcome     text NOT NULL,
    prospect_id uuid REFERENCES prospects (id),
    reason      text,
    PRIMARY KEY (import_id, row_number)
);
CREATE INDEX prospect_import_rows_outcome ON prospect_import_rows (import_id, outcome, row_number);
CREATE INDEX prospect_import_rows_prospect ON prospect_import_rows (import_id, prospect_id);
