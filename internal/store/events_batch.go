package store

import (
	"context"
	"database/sql"
	"strings"

	"github.com/smartodoo/smartodoo/internal/core"
)

// eventChunk bounds the rows of one multi-row INSERT (9 parameters a row stays far below
// both dialects' parameter limits).
const eventChunk = 200

// InsertEventsTx is InsertEventTx for many events in one round trip per chunk: ingest's group
// commit stores hundreds of events per transaction. inserted[i] reports whether events[i]
// was a first sighting; repeats (in the database or earlier in the same batch) coalesce into
// the stored row, whose ID every event then carries.
func (s *Store) InsertEventsTx(ctx context.Context, tx *sql.Tx, events []*core.Event) ([]bool, error) {
	inserted := make([]bool, len(events))
	first := map[string]int{} // coalesce key → index of its first event in this batch
	var fresh []int
	for i, e := range events {
		if err := validateEvent(e); err != nil {
			return nil, err
		}
		if e.CoalesceKey == "" {
			e.CoalesceKey = core.CoalesceKeyFor(e.ConnectionID, e.Model, e.RecordID, e.Action, e.WriteDate)
		}
		e.ReceivedAt = s.orNow(e.ReceivedAt)
		if _, seen := first[e.CoalesceKey]; !seen {
			first[e.CoalesceKey] = i
			fresh = append(fresh, i)
		}
	}
	for start := 0; start < len(fresh); start += eventChunk {
		chunk := fresh[start:min(start+eventChunk, len(fresh))]
		if err := s.insertEventChunk(ctx, tx, events, chunk, inserted); err != nil {
			return nil, err
		}
	}
	return inserted, s.coalesceRepeats(ctx, tx, events, first, inserted)
}

func (s *Store) insertEventChunk(ctx context.Context, tx *sql.Tx, events []*core.Event, chunk []int, inserted []bool) error {
	var b strings.Builder
	b.WriteString(`INSERT INTO events (connection_id, source, model, record_id, action, write_date, payload,
		received_at, coalesce_key, duplicates) VALUES `)
	args := make([]any, 0, len(chunk)*9)
	for n, i := range chunk {
		e := events[i]
		payload, err := rawJSON(e.Payload)
		if err != nil {
			return err
		}
		if n > 0 {
			b.WriteString(",")
		}
		b.WriteString("(?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")
		args = append(args, e.ConnectionID, e.Source, e.Model, e.RecordID, e.Action, e.WriteDate, payload, s.ts(e.ReceivedAt), e.CoalesceKey)
	}
	b.WriteString(` ON CONFLICT (coalesce_key) DO NOTHING RETURNING id, coalesce_key`)
	rows, err := tx.QueryContext(ctx, s.q(b.String()), args...)
	if err != nil {
		return classify("insert events", err)
	}
	defer rows.Close()
	byKey := make(map[string]int, len(chunk))
	for _, i := range chunk {
		byKey[events[i].CoalesceKey] = i
	}
	for rows.Next() {
		var id int64
		var key string
		if err := rows.Scan(&id, &key); err != nil {
			return classify("read inserted event ids", err)
		}
		i := byKey[key]
		events[i].ID, events[i].Duplicates, inserted[i] = id, 0, true
	}
	return classify("read inserted event ids", rows.Err())
}

// coalesceRepeats counts every event that was not a first sighting into its stored row.
func (s *Store) coalesceRepeats(ctx context.Context, tx *sql.Tx, events []*core.Event, first map[string]int, inserted []bool) error {
	repeats := map[string]int{}
	for i, e := range events {
		if !inserted[i] {
			repeats[e.CoalesceKey]++
		}
	}
	for key, n := range repeats {
		var id int64
		var dup int
		row := tx.QueryRowContext(ctx, s.q(`UPDATE events SET duplicates = duplicates + ? WHERE coalesce_key = ? RETURNING id, duplicates`), n, key)
		if err := row.Scan(&id, &dup); err != nil {
			return classify("coalesce event "+key, err)
		}
		for i, e := range events {
			if e.CoalesceKey == key {
				e.ID, e.Duplicates = id, dup
				if i != first[key] {
					inserted[i] = false
				}
			}
		}
	}
	return nil
}
