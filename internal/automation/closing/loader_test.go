package closing

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// domainRecorder answers every search_read with no rows and remembers the domains sent.
type domainRecorder struct{ domains []string }

func (d *domainRecorder) Call(_ context.Context, _, method string, _ []any, kw map[string]any, out any) error {
	raw, err := json.Marshal(kw["domain"])
	if err != nil {
		return err
	}
	d.domains = append(d.domains, string(raw))
	return json.Unmarshal([]byte("[]"), out)
}

// With watch accounts of one role only, the older-items domain must not send "in" null,
// which Odoo refuses.
func TestOlderWatchItemsDomainHasNoNullList(t *testing.T) {
	for _, role := range []string{"suspense", "outstanding"} {
		rec := &domainRecorder{}
		l := &Loader{C: rec, CompanyID: 1}
		in := &Input{Period: Period{From: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC)},
			Watch: []WatchAccount{{ID: 7, Role: role}}}
		if err := l.lines(context.Background(), in, in.Period.From.AddDate(0, -3, 0)); err != nil {
			t.Fatal(err)
		}
		if len(rec.domains) != 2 {
			t.Fatalf("%s: %d searches, want the window and the older items", role, len(rec.domains))
		}
		if strings.Contains(rec.domains[1], "null") || !strings.Contains(rec.domains[1], `["account_id","in",[7]]`) {
			t.Errorf("%s: older-items domain %s", role, rec.domains[1])
		}
	}
}
