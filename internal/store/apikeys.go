package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
)

// APIKey is a stored API key. The key itself is never stored: the caller generates it, shows
// it once, and passes its SHA-256 as Hash.
type APIKey struct {
	ID         int64      `json:"id"`
	Name       string     `json:"name"`
	Role       core.Role  `json:"role"`
	Prefix     string     `json:"prefix"` // first 8 characters of the key, to recognise it in a list
	Hash       []byte     `json:"-"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at,omitempty"`
	RevokedAt  *time.Time `json:"revoked_at,omitempty"`
}

const apiKeyCols = `id, name, role, prefix, hash, created_at, last_used_at, revoked_at`

func scanAPIKey(row interface{ Scan(...any) error }) (APIKey, error) {
	var k APIKey
	err := row.Scan(&k.ID, &k.Name, &k.Role, &k.Prefix, &k.Hash, timeCol{&k.CreatedAt},
		nullTimeCol{&k.LastUsedAt}, nullTimeCol{&k.RevokedAt})
	return k, err
}

// CreateAPIKey stores k and sets k.ID and k.CreatedAt (when zero).
func (s *Store) CreateAPIKey(ctx context.Context, k *APIKey) error {
	switch {
	case k == nil:
		return invalid("no API key given")
	case strings.TrimSpace(k.Name) == "":
		return invalid("API key needs a name saying who or what uses it")
	case !k.Role.Valid():
		return invalid("API key %q has role %q: use one of admin, cfo, sales, warehouse, viewer", k.Name, k.Role)
	case len(k.Hash) != sha256.Size:
		return invalid("API key %q: Hash must be the 32-byte SHA-256 of the key, got %d bytes", k.Name, len(k.Hash))
	}
	k.CreatedAt = s.orNow(k.CreatedAt)
	err := s.Writer.QueryRowContext(ctx, s.q(`INSERT INTO api_keys (name, role, prefix, hash, created_at)
		VALUES (?, ?, ?, ?, ?) RETURNING id`), k.Name, string(k.Role), k.Prefix, k.Hash, s.ts(k.CreatedAt)).Scan(&k.ID)
	if isUniqueViolation(err) {
		return conflict("an API key with the same hash already exists: generate a new key")
	}
	return classify("create API key "+k.Name, err)
}

// LookupAPIKey finds the live key with this SHA-256 hash. Unknown and revoked keys both
// answer core.ErrNotFound, so a caller cannot tell them apart.
func (s *Store) LookupAPIKey(ctx context.Context, hash []byte) (APIKey, error) {
	k, err := scanAPIKey(s.Reader.QueryRowContext(ctx, s.q(`SELECT `+apiKeyCols+` FROM api_keys
		WHERE hash = ? AND revoked_at IS NULL`), hash))
	if errors.Is(err, sql.ErrNoRows) {
		return APIKey{}, notFound("no such API key")
	}
	if err != nil {
		return APIKey{}, classify("look up API key", err)
	}
	return k, nil
}

// ListAPIKeys lists every key, revoked ones included, oldest first.
func (s *Store) ListAPIKeys(ctx context.Context) ([]APIKey, error) {
	rows, err := s.Reader.QueryContext(ctx, `SELECT `+apiKeyCols+` FROM api_keys ORDER BY id`)
	if err != nil {
		return nil, classify("list API keys", err)
	}
	return collect(rows, "list API keys", scanAPIKey)
}

// RevokeAPIKey revokes a key for good. Revoking a revoked key changes nothing and succeeds.
func (s *Store) RevokeAPIKey(ctx context.Context, id int64) error {
	res, err := s.Writer.ExecContext(ctx, s.q(`UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?`),
		s.ts(s.now()), id)
	return s.keyChanged(res, err, id, "revoke")
}

// TouchAPIKey records when a key was last used.
func (s *Store) TouchAPIKey(ctx context.Context, id int64, at time.Time) error {
	res, err := s.Writer.ExecContext(ctx, s.q(`UPDATE api_keys SET last_used_at = ? WHERE id = ?`), s.ts(s.orNow(at)), id)
	return s.keyChanged(res, err, id, "touch")
}

func (s *Store) keyChanged(res sql.Result, err error, id int64, verb string) error {
	if err != nil {
		return classify(fmt.Sprintf("%s API key %d", verb, id), err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return classify(fmt.Sprintf("%s API key %d", verb, id), err)
	}
	if n == 0 {
		return notFound("API key %d does not exist", id)
	}
	return nil
}
