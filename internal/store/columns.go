package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Queries are written once with "?" placeholders and rebound to "$n" for PostgreSQL.
// None of our SQL contains a literal "?" (no JSONB ? operators, no "?" in string literals).
func (s *Store) q(query string) string {
	if s.Dialect != Postgres {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

// querier is what *sql.DB and *sql.Tx share, so a helper can run inside or outside a transaction.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// sqliteTime is the on-disk form of a time on SQLite: fixed width, so text order is time
// order and range filters work on the index; microseconds, because that is what PostgreSQL keeps.
const sqliteTime = "2006-01-02T15:04:05.000000Z"

// ts converts a time to a query argument: UTC microseconds on both dialects.
func (s *Store) ts(t time.Time) any {
	t = t.UTC().Truncate(time.Microsecond)
	if s.Dialect == SQLite {
		return t.Format(sqliteTime)
	}
	return t
}

// tsPtr is ts for an optional time; nil stores NULL.
func (s *Store) tsPtr(t *time.Time) any {
	if t == nil || t.IsZero() {
		return nil
	}
	return s.ts(*t)
}

// timeCol scans a time stored by ts (text on SQLite, timestamptz on PostgreSQL) into UTC.
type timeCol struct{ dst *time.Time }

func (c timeCol) Scan(src any) error {
	t, ok, err := parseTimeSrc(src)
	if err != nil {
		return err
	}
	if !ok {
		*c.dst = time.Time{}
		return nil
	}
	*c.dst = t
	return nil
}

// nullTimeCol scans an optional time; NULL leaves the pointer nil.
type nullTimeCol struct{ dst **time.Time }

func (c nullTimeCol) Scan(src any) error {
	t, ok, err := parseTimeSrc(src)
	if err != nil {
		return err
	}
	if !ok {
		*c.dst = nil
		return nil
	}
	*c.dst = &t
	return nil
}

func parseTimeSrc(src any) (time.Time, bool, error) {
	switch v := src.(type) {
	case nil:
		return time.Time{}, false, nil
	case time.Time:
		return v.UTC(), true, nil
	case string:
		return parseStoredTime(v)
	case []byte:
		return parseStoredTime(string(v))
	}
	return time.Time{}, false, fmt.Errorf("time column holds a %T, want text or timestamp", src)
}

func parseStoredTime(v string) (time.Time, bool, error) {
	if v == "" {
		return time.Time{}, false, nil
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("stored time %q is not RFC 3339: %w", v, err)
	}
	return t.UTC(), true, nil
}

// rawJSON converts raw JSON to a query argument: NULL when empty, text otherwise
// (TEXT on SQLite, cast to JSONB by PostgreSQL on insert).
func rawJSON(m json.RawMessage) (any, error) {
	if len(m) == 0 {
		return nil, nil
	}
	if !json.Valid(m) {
		return nil, invalid("the JSON document is malformed: %.60q", string(m))
	}
	return string(m), nil
}

// jsonArg marshals v for a JSON column; nil (or a nil slice/map) stores NULL.
func jsonArg(v any) (any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, invalid("the value cannot be stored as JSON: %v", err)
	}
	if string(b) == "null" {
		return nil, nil
	}
	return string(b), nil
}

// rawCol scans a JSON column into a json.RawMessage (nil for NULL).
type rawCol struct{ dst *json.RawMessage }

func (c rawCol) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*c.dst = nil
	case string:
		*c.dst = json.RawMessage(v)
	case []byte:
		*c.dst = append(json.RawMessage(nil), v...)
	default:
		return fmt.Errorf("JSON column holds a %T, want text", src)
	}
	return nil
}

// jsonCol scans a JSON column and unmarshals it into dst; NULL leaves dst untouched.
type jsonCol struct{ dst any }

func (c jsonCol) Scan(src any) error {
	var raw json.RawMessage
	if err := (rawCol{&raw}).Scan(src); err != nil {
		return err
	}
	if len(raw) == 0 {
		return nil
	}
	if err := json.Unmarshal(raw, c.dst); err != nil {
		return fmt.Errorf("decode stored JSON: %w", err)
	}
	return nil
}

// placeholders returns "?, ?, ?" for n arguments.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}
