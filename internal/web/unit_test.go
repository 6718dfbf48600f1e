package web

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/live"
	"github.com/smartodoo/smartodoo/internal/store/storetest"
)

func TestSessionSignatureExpiryAndCSRF(t *testing.T) {
	now := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	m := newSessions([]byte("secret-a"), time.Hour, clock)
	s := m.start(Session{Login: "cfo", Name: "Claire", Role: core.RoleCFO})
	v := m.encode(s)
	got, err := m.decode(v)
	if err != nil || got.Login != "cfo" || got.Role != core.RoleCFO {
		t.Fatalf("round trip: %+v %v", got, err)
	}
	body, sig, _ := strings.Cut(v, ".")
	flipped := []byte(body)
	flipped[len(flipped)/2] ^= 1 // still base64url: the low bit of a letter or digit is another one
	forged := string(flipped) + "." + sig
	if _, err := m.decode(forged); err == nil {
		t.Fatal("a changed session body verified")
	}
	other := newSessions([]byte("secret-b"), time.Hour, clock)
	if _, err := other.decode(v); err == nil {
		t.Fatal("a session signed with another secret verified")
	}
	if !m.checkCSRF(s, m.csrfToken(s)) {
		t.Fatal("own CSRF token refused")
	}
	s2 := m.start(Session{Login: "cfo", Role: core.RoleCFO})
	if m.checkCSRF(s, m.csrfToken(s2)) || m.checkCSRF(s, "") || m.checkCSRF(s, "!!") {
		t.Fatal("a CSRF token of another session (or none) was accepted")
	}
	now = now.Add(time.Hour)
	if _, err := m.decode(v); err == nil {
		t.Fatal("an expired session verified")
	}
}

func TestRoleMap(t *testing.T) {
	if r := roleFor(DefaultRoleMap, []string{"stock.group_stock_manager", "account.group_account_manager"}); r != core.RoleCFO {
		t.Fatalf("first mapped group should win: %s", r)
	}
	if r := roleFor(DefaultRoleMap, nil); r != core.RoleViewer {
		t.Fatalf("no group: %s", r)
	}
	m, err := ParseRoleMap("account.group_account_invoice=cfo, base.group_system=admin")
	if err != nil || len(m) != 2 || m[0].Role != core.RoleCFO {
		t.Fatalf("parse: %+v %v", m, err)
	}
	for _, bad := range []string{"", "nogroup=cfo", "base.group_system=boss", "base.group_system"} {
		if _, err := ParseRoleMap(bad); err == nil {
			t.Errorf("ParseRoleMap(%q) accepted", bad)
		}
	}
}

func TestSafeNext(t *testing.T) {
	for in, want := range map[string]string{"/approvals?x=1": "/approvals?x=1", "//evil.example": "/", "https://evil": "/", "": "/", "/\\evil": "/"} {
		if got := safeNext(in); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLiveMessagesFilteredByRole(t *testing.T) {
	bank := core.Proposal{Automation: "bankrec", Roles: []core.Role{core.RoleAdmin, core.RoleCFO}}
	merge := core.Proposal{Automation: "dedup", Roles: []core.Role{core.RoleAdmin, core.RoleSales}}
	stock := core.Proposal{Automation: "supplychain", Roles: []core.Role{core.RoleWarehouse}}
	cases := []struct {
		role core.Role
		msg  live.Message
		want bool
	}{
		{core.RoleCFO, live.Message{Topic: "proposal", Data: bank}, true},
		{core.RoleSales, live.Message{Topic: "proposal", Data: bank}, false},
		{core.RoleWarehouse, live.Message{Topic: "proposal", Data: bank}, false},
		{core.RoleSales, live.Message{Topic: "proposal", Data: merge}, true},
		{core.RoleWarehouse, live.Message{Topic: "proposal", Data: stock}, true},
		{core.RoleSales, live.Message{Topic: "proposal", Data: stock}, false},
		{core.RoleWarehouse, live.Message{Topic: "run", Data: core.Run{Automation: "credit"}}, false},
		{core.RoleSales, live.Message{Topic: "run", Data: core.Run{Automation: "credit"}}, true},
		{core.RoleSales, live.Message{Topic: "run", Data: map[string]any{"automation": "bankrec", "done": 1}}, false},
		{core.RoleCFO, live.Message{Topic: "finding", Data: core.Finding{Automation: "anomaly"}}, true},
		{core.RoleSales, live.Message{Topic: "finding", Data: core.Finding{Automation: "anomaly"}}, false},
		{core.RoleAdmin, live.Message{Topic: "other", Data: "no automation"}, false},
	}
	for i, c := range cases {
		if got := visibleMessage(c.role, c.msg); got != c.want {
			t.Errorf("case %d: %s sees %s %+v = %v, want %v", i, c.role, c.msg.Topic, c.msg.Data, got, c.want)
		}
	}
}

func TestCharts(t *testing.T) {
	ticks := niceTicks(0, 87, 5)
	if ticks[0] != 0 || ticks[len(ticks)-1] < 87 {
		t.Fatalf("ticks %v do not span 0..87", ticks)
	}
	day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	svg := string(lineChart("Readiness", []point{{At: day, Value: 0.5}, {At: day.AddDate(0, 1, 0), Value: 0.9}}, func(v float64) string { return "v" }))
	if !strings.Contains(svg, "<title>Readiness</title>") || strings.Count(svg, "<circle") != 2 || !strings.Contains(svg, "1 Feb 2026: v") {
		t.Fatalf("line chart lacks titles or points: %s", svg)
	}
	svg = string(barChart("Aging", []bar{{Label: "Not due", Value: 10, Text: "€10"}, {Label: "> 90", Value: 5, Class: "late"}}, func(v float64) string { return "x" }))
	if strings.Count(svg, "<rect") != 2 || !strings.Contains(svg, "<title>Not due: €10</title>") || !strings.Contains(svg, `class="bar late"`) {
		t.Fatalf("bar chart: %s", svg)
	}
	one := string(lineChart("One", []point{{At: day, Value: 4.3}}, func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }))
	if !strings.Contains(one, ">0<") || strings.Count(one, ">5<") != 1 {
		t.Fatalf("a single value needs an axis from zero with distinct ticks: %s", one)
	}
	if svg := string(lineChart("<script>", nil, nil)); strings.Contains(svg, "<script>") || !strings.Contains(svg, "No data yet") {
		t.Fatalf("empty chart or escaping: %s", svg)
	}
}

func TestMoneyInUserLocale(t *testing.T) {
	eur := Currency{Code: "EUR", Symbol: "€", Decimals: 2}
	usd := Currency{Code: "USD", Symbol: "$", Before: true, Decimals: 2}
	for _, c := range []struct {
		lang  string
		cur   Currency
		minor int64
		want  string
	}{
		{"en_US", usd, 123456789, "$\u00a01,234,567.89"},
		{"fr_BE", eur, -123450, "−1\u00a0234,50\u00a0€"},
		{"de_DE", eur, 5, "0,05\u00a0€"},
	} {
		if got := newFormatter(c.lang, "UTC", c.cur).Money(c.minor); got != c.want {
			t.Errorf("%s %d: %q, want %q", c.lang, c.minor, got, c.want)
		}
	}
	f := newFormatter("en_US", "Europe/Brussels", eur)
	if got := f.When(time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)); got != "24 Nov 2026 13:00" {
		t.Errorf("time in user's zone: %q", got)
	}
}

func TestAgingAndPayables(t *testing.T) {
	today := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC) // a Wednesday
	doc := func(due string, amt float64) openDoc {
		d, _ := time.Parse("2006-01-02", due)
		var o openDoc
		o.Due.Time, o.Residual = d, amt
		return o
	}
	ar := agingBuckets([]openDoc{doc("2026-12-01", 10), doc("2026-11-20", 20), doc("2026-08-01", 30.5)}, today, 2)
	if ar[0].Minor != 1000 || ar[1].Minor != 2000 || ar[4].Minor != 3050 {
		t.Fatalf("aging: %+v", ar)
	}
	ap := payablesDue([]openDoc{doc("2026-11-20", -5), doc("2026-11-29", -7), doc("2026-12-06", -9), doc("2026-12-20", -100)}, today, 2)
	if ap[0].Minor != 500 || ap[1].Minor != 700 || ap[2].Minor != 900 {
		t.Fatalf("payables: %+v", ap)
	}
}

func TestPrincipalForTheAPI(t *testing.T) {
	now := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	st := storetest.SQLite(t, storetest.Options{Clock: func() time.Time { return now }})
	srv := &Server{d: Deps{Store: st, Logger: slog.New(slog.DiscardHandler)}, sess: newSessions([]byte("k"), time.Hour, func() time.Time { return now })}
	sess := srv.sess.start(Session{Login: "cfo", Name: "C", Role: core.RoleCFO})
	if _, ok := srv.Principal(httptest.NewRequest(http.MethodGet, "/api/runs", nil)); ok {
		t.Fatal("no cookie, yet a principal")
	}
	req := func(method, token string) *http.Request {
		r := httptest.NewRequest(method, "/api/runs", nil)
		r.AddCookie(&http.Cookie{Name: sessionCookie, Value: srv.sess.encode(sess)})
		if token != "" {
			r.Header.Set("X-CSRF-Token", token)
		}
		return r
	}
	if _, ok := srv.Principal(req(http.MethodGet, "")); ok {
		t.Fatal("a well-signed cookie of a session the store never recorded was accepted")
	}
	if err := st.StartSession(t.Context(), sess.Nonce, sess.Login, time.Unix(sess.Expires, 0)); err != nil {
		t.Fatal(err)
	}
	if p, ok := srv.Principal(req(http.MethodGet, "")); !ok || p.Role != core.RoleCFO || p.Actor() != "session:cfo" {
		t.Fatalf("GET with a session: %+v %v", p, ok)
	}
	if _, ok := srv.Principal(req(http.MethodPost, "")); ok {
		t.Fatal("a POST without the CSRF header was accepted")
	}
	if _, ok := srv.Principal(req(http.MethodPost, srv.sess.csrfToken(sess))); !ok {
		t.Fatal("a POST with the CSRF header was refused")
	}
	if err := st.RevokeSession(t.Context(), sess.Nonce); err != nil {
		t.Fatal(err)
	}
	if _, ok := srv.Principal(req(http.MethodGet, "")); ok {
		t.Fatal("the cookie of an ended session still works")
	}
}

func TestFlashMessagesAreSigned(t *testing.T) {
	srv := &Server{sess: newSessions([]byte("k"), time.Hour, time.Now)}
	to := srv.withMsg("/approvals?status=all", "Proposal 3 approved")
	if got := srv.flash(httptest.NewRequest(http.MethodGet, to, nil)); got != "Proposal 3 approved" {
		t.Fatalf("signed flash not shown: %q from %s", got, to)
	}
	if got := srv.flash(httptest.NewRequest(http.MethodGet, "/approvals?msg=Call+555-0100+now", nil)); got != "" {
		t.Fatalf("an unsigned flash was shown: %q", got)
	}
}
