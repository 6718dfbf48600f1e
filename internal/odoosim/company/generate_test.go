package company

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/smartodoo/smartodoo/internal/core"
)

func TestGenerateIsDeterministic(t *testing.T) {
	a, ta := generateSmall(t, 42, 18)
	b, tb := generateSmall(t, 42, 18)
	if a.hash(t) != b.hash(t) {
		t.Fatal("two runs with the same seed produced different records")
	}
	var ja, jb bytes.Buffer
	if err := ta.WriteJSON(&ja); err != nil {
		t.Fatal(err)
	}
	if err := tb.WriteJSON(&jb); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(ja.Bytes(), jb.Bytes()) {
		t.Fatal("two runs with the same seed produced different truth files")
	}
	back, err := ReadTruth(bytes.NewReader(ja.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := back.WriteJSON(&again); err != nil || !bytes.Equal(again.Bytes(), ja.Bytes()) {
		t.Fatalf("truth does not round-trip through ReadTruth (%v)", err)
	}
	if _, err := ReadTruth(bytes.NewReader([]byte(`{"schema":2}`))); err == nil {
		t.Fatal("ReadTruth accepted an unknown schema")
	}
	if s := ta.Summary(); !strings.Contains(s, "small company (seed 42") || !strings.Contains(s, "duplicate clusters") {
		t.Fatalf("summary %q", s)
	}
	c, _ := generateSmall(t, 43, 18)
	if c.hash(t) == a.hash(t) {
		t.Fatal("a different seed produced the same company")
	}
}

func TestGenerateRejectsBadOptions(t *testing.T) {
	for name, o := range map[string]Options{
		"size":    {Size: "huge", Today: testToday},
		"version": {Size: SizeSmall, Version: 16, Today: testToday},
		"today":   {Size: SizeSmall},
	} {
		_, err := Generate(context.Background(), o, newMemSink())
		if !errors.Is(err, core.ErrInvalid) {
			t.Errorf("%s: got %v, want an invalid-options error", name, err)
		}
	}
}

func TestGenerateStopsOnCancelledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Generate(ctx, Options{Size: SizeDemo, Today: testToday}, newMemSink())
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
}

func TestSmallVolumes(t *testing.T) {
	s, tr := generateSmall(t, 1, 18)
	partners, invoices := len(s.models["res.partner"]), 0
	for _, m := range s.models["account.move"] {
		if m["move_type"] == "out_invoice" {
			invoices++
		}
	}
	t.Logf("small: %d partners, %d customer invoices, %d moves, %d lines, %d bank lines, %d unreconciled",
		partners, invoices, len(s.models["account.move"]), len(s.models["account.move.line"]),
		len(s.models["account.bank.statement.line"]), len(tr.Bank.Unreconciled))
	if partners < 40 || partners > 110 {
		t.Errorf("small has %d partners, want about 60", partners)
	}
	if invoices < 200 || invoices > 450 {
		t.Errorf("small has %d customer invoices, want about 300", invoices)
	}
}
