package business

import (
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/odoosim"
)

func TestInstallTwiceIsHarmless(t *testing.T) {
	s, err := NewServer(odoosim.Options{Clock: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	Install(s)
	b, err := SeedBooks(s.SuperEnv())
	if err != nil {
		t.Fatal(err)
	}
	st, err := s.SuperEnv().Create("account.bank.statement.line", map[string]any{"journal_id": b.Journals["bank"], "amount": 10.0, "payment_ref": "x"})
	if err != nil {
		t.Fatal(err)
	}
	// Hooks run once: a doubled create hook would make a second entry for the line.
	moves, err := s.SuperEnv().Search("account.move", []any{[]any{"statement_line_id", "=", st}}, "", 0)
	if err != nil || len(moves) != 1 {
		t.Fatalf("entries of one statement line: %v (%v)", moves, err)
	}
}
