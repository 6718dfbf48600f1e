package store

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Connection is one Odoo database Smart Odoo talks to. Secrets (API keys, passwords) are not
// stored here: they come from configuration.
type Connection struct {
	ID           int64     `json:"id"`
	Name         string    `json:"name"`
	URL          string    `json:"url"`
	DB           string    `json:"db"`
	User         string    `json:"user"`
	Transport    string    `json:"transport"` // json2, jsonrpc, xmlrpc
	WebhookToken string    `json:"-"`         // secret part of the native-webhook URL
	Version      string    `json:"version"`   // Odoo server version, e.g. "18.0"
	CreatedAt    time.Time `json:"created_at"`
	// CreatedRecords is what `odoo connect` created in Odoo (webhook rules, server actions),
	// so disconnect removes exactly that and nothing else.
	CreatedRecords json.RawMessage `json:"created_records,omitempty"`
}

// Watermark is how far the change poller has read a model: the last (write_date, id) seen.
type Watermark struct {
	WriteDate string `json:"write_date"` // Odoo's "2006-01-02 15:04:05" UTC
	ID        int64  `json:"id"`
}

const connectionCols = `id, name, url, db, login, transport, webhook_token, version, created_records, created_at`

func scanConnection(row interface{ Scan(...any) error }) (Connection, error) {
	var c Connection
	err := row.Scan(&c.ID, &c.Name, &c.URL, &c.DB, &c.User, &c.Transport, &c.WebhookToken, &c.Version,
		rawCol{&c.CreatedRecords}, timeCol{&c.CreatedAt})
	return c, err
}

// tokenHash is what the token lookup indexes: looking up by a hash keeps the comparison of
// the secret itself out of the database's index walk.
func tokenHash(token string) any {
	if token == "" {
		return nil
	}
	h := sha256.Sum256([]byte(token))
	return h[:]
}

// UpsertConnection creates the connection named c.Name or updates it, and sets c.ID and
// c.CreatedAt from the stored row.
func (s *Store) UpsertConnection(ctx context.Context, c *Connection) error {
	switch {
	case c == nil:
		return invalid("no connection given")
	case strings.TrimSpace(c.Name) == "":
		return invalid("Odoo connection needs a name")
	case strings.TrimSpace(c.URL) == "":
		return invalid("Odoo connection %q needs the Odoo URL", c.Name)
	}
	created, err := rawJSON(c.CreatedRecords)
	if err != nil {
		return err
	}
	err = s.Writer.QueryRowContext(ctx, s.q(`INSERT INTO odoo_connections (name, url, db, login, transport,
		webhook_token, webhook_token_hash, version, created_records, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET url = excluded.url, db = excluded.db, login = excluded.login,
			transport = excluded.transport, webhook_token = excluded.webhook_token,
			webhook_token_hash = excluded.webhook_token_hash, version = excluded.version,
			created_records = excluded.created_records
		RETURNING id, created_at`),
		c.Name, c.URL, c.DB, c.User, c.Transport, c.WebhookToken, tokenHash(c.WebhookToken), c.Version, created,
		s.ts(s.orNow(c.CreatedAt))).Scan(&c.ID, timeCol{&c.CreatedAt})
	if isUniqueViolation(err) {
		return conflict("another Odoo connection already uses this webhook token: generate a new one")
	}
	return classify("save Odoo connection "+c.Name, err)
}

// GetConnection returns one connection.
func (s *Store) GetConnection(ctx context.Context, id int64) (Connection, error) {
	c, err := scanConnection(s.Reader.QueryRowContext(ctx, s.q(`SELECT `+connectionCols+` FROM odoo_connections WHERE id = ?`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return Connection{}, notFound("Odoo connection %d does not exist", id)
	}
	if err != nil {
		return Connection{}, classify("get Odoo connection", err)
	}
	return c, nil
}

// ConnectionByToken finds the connection whose webhook URL carries token; core.ErrNotFound
// for an empty or unknown token.
func (s *Store) ConnectionByToken(ctx context.Context, token string) (Connection, error) {
	if token == "" {
		return Connection{}, notFound("no such webhook token")
	}
	c, err := scanConnection(s.Reader.QueryRowContext(ctx, s.q(`SELECT `+connectionCols+` FROM odoo_connections
		WHERE webhook_token_hash = ?`), tokenHash(token)))
	if errors.Is(err, sql.ErrNoRows) {
		return Connection{}, notFound("no such webhook token")
	}
	if err != nil {
		return Connection{}, classify("look up webhook token", err)
	}
	if subtle.ConstantTimeCompare([]byte(c.WebhookToken), []byte(token)) != 1 {
		return Connection{}, notFound("no such webhook token")
	}
	return c, nil
}

// ListConnections lists every connection, oldest first.
func (s *Store) ListConnections(ctx context.Context) ([]Connection, error) {
	rows, err := s.Reader.QueryContext(ctx, `SELECT `+connectionCols+` FROM odoo_connections ORDER BY id`)
	if err != nil {
		return nil, classify("list Odoo connections", err)
	}
	return collect(rows, "list Odoo connections", scanConnection)
}

// GetWatermark returns where the poller stopped on a model; the zero Watermark when it never ran.
func (s *Store) GetWatermark(ctx context.Context, connID int64, model string) (Watermark, error) {
	var w Watermark
	err := s.Reader.QueryRowContext(ctx, s.q(`SELECT write_date, record_id FROM watermarks
		WHERE connection_id = ? AND model = ?`), connID, model).Scan(&w.WriteDate, &w.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return Watermark{}, nil
	}
	if err != nil {
		return Watermark{}, classify(fmt.Sprintf("get watermark %d/%s", connID, model), err)
	}
	return w, nil
}

// PutWatermark records where the poller stopped on a model of a stored connection.
func (s *Store) PutWatermark(ctx context.Context, connID int64, model string, w Watermark) error {
	if strings.TrimSpace(model) == "" {
		return invalid("watermark needs the Odoo model it belongs to")
	}
	_, err := s.Writer.ExecContext(ctx, s.q(`INSERT INTO watermarks (connection_id, model, write_date, record_id, updated_at)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (connection_id, model) DO UPDATE SET write_date = excluded.write_date,
		record_id = excluded.record_id, updated_at = excluded.updated_at`),
		connID, model, w.WriteDate, w.ID, s.ts(s.now()))
	if err != nil && strings.Contains(strings.ToLower(err.Error()), "foreign key") {
		return notFound("Odoo connection %d does not exist: save the connection before its watermarks", connID)
	}
	return classify(fmt.Sprintf("put watermark %d/%s", connID, model), err)
}

// DeleteConnection removes a connection and its watermarks (`odoo disconnect`, after the
// records listed in CreatedRecords were removed from Odoo). Events keep their connection id.
func (s *Store) DeleteConnection(ctx context.Context, id int64) error {
	res, err := s.Writer.ExecContext(ctx, s.q(`DELETE FROM odoo_connections WHERE id = ?`), id)
	if err != nil {
		return classify(fmt.Sprintf("delete Odoo connection %d", id), err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return notFound("Odoo connection %d does not exist", id)
	}
	return nil
}
