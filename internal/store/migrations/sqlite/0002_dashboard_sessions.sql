-- Dashboard sign-ins, so that signing out (or an administrator) ends a session on the
-- server, not only in the browser that holds the cookie. Keep in step with
-- ../postgres/0002_dashboard_sessions.sql.

-- +goose Up
CREATE TABLE dashboard_sessions (
    nonce      TEXT PRIMARY KEY,
    login      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX dashboard_sessions_login ON dashboard_sessions (login);
CREATE INDEX dashboard_sessions_expires ON dashboard_sessions (expires_at);

-- +goose Down
DROP TABLE dashboard_sessions;
