package pullbench

import (
	"bytes"
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/smartodoo/smartodoo/internal/odoo"
	"github.com/smartodoo/smartodoo/internal/odoosim/company"
	"github.com/smartodoo/smartodoo/internal/odoosim/seeded"
)

// TestMain doubles as the simulator child: Run re-executes this test binary with
// ChildEnv set, exactly as `smartodoo bench pull` re-executes smartodoo.
func TestMain(m *testing.M) {
	if IsChild() {
		if err := ServeChild(context.Background(), os.Stdin, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	goleak.VerifyTestMain(m)
}

// TestSmallPullOverEveryTransport runs the whole benchmark at size small and checks that
// every pull brought exactly the records an independent simulator of the same company
// counts, over JSON-2, JSON-RPC and XML-RPC.
func TestSmallPullOverEveryTransport(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a simulator child process")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var progress bytes.Buffer
	rep, err := Run(ctx, Options{Size: company.SizeSmall, Version: 19, Seed: 7, PageSize: 40, Concurrency: 3,
		ChildCommand: []string{os.Args[0]}, Progress: &progress})
	if err != nil {
		t.Fatalf("run: %v\nprogress:\n%s", err, progress.String())
	}
	want := independentCounts(t, ctx)
	if len(rep.Pulls) != 6 {
		t.Fatalf("got %d pulls, want 3 transports x 2 models", len(rep.Pulls))
	}
	seen := map[string]bool{}
	for _, p := range rep.Pulls {
		seen[p.Transport] = true
		if p.Records != want[p.Model] || p.Expected != want[p.Model] {
			t.Errorf("%s %s: %d records, search_count %d; an independent simulator counts %d", p.Transport, p.Model, p.Records, p.Expected, want[p.Model])
		}
		if p.Pages < p.Records/40 || p.ClientCPU <= 0 || p.ResponseBytes <= 0 || p.PeakHeap == 0 || p.RecordsPerSecond <= 0 {
			t.Errorf("%s %s: implausible measurements %+v", p.Transport, p.Model, p)
		}
	}
	if !seen["json2"] || !seen["jsonrpc"] || !seen["xmlrpc"] {
		t.Errorf("transports pulled: %v", seen)
	}
	if g := rep.Generator; g.Elapsed <= 0 || g.CPU <= 0 || g.PeakRSS <= 0 || g.HeapInUse == 0 {
		t.Errorf("generator measurements missing: %+v", g)
	}
	var table bytes.Buffer
	if err := rep.WriteTable(&table); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(table.String(), "account.move.line") || !strings.Contains(table.String(), "xmlrpc") {
		t.Errorf("table lacks rows:\n%s", table.String())
	}
	t.Logf("\n%s", table.String())
}

// independentCounts builds the same company in this process and counts its records.
func independentCounts(t *testing.T, ctx context.Context) map[string]int64 {
	t.Helper()
	sim, err := seeded.New(ctx, seeded.Options{Version: 19, Seed: 7, Size: company.SizeSmall})
	if err != nil {
		t.Fatal(err)
	}
	defer sim.Close()
	hs := httptest.NewServer(sim.Server.Handler())
	defer hs.Close()
	c, err := odoo.New(odoo.Config{URL: hs.URL, DB: sim.Server.DB(), User: "admin", APIKey: "smartodoo-demo-key", Transport: "jsonrpc"})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	out := map[string]int64{}
	for _, m := range knownModels {
		n, err := c.SearchCount(ctx, m, nil, odoo.CallContext(map[string]any{"active_test": false}))
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			t.Fatalf("the small company has no %s", m)
		}
		out[m] = int64(n)
	}
	return out
}

func TestChildThatCannotStartIsReported(t *testing.T) {
	_, err := Run(context.Background(), Options{Size: company.SizeSmall, ChildCommand: []string{"/nonexistent/smartodoo"}})
	if err == nil || !strings.Contains(err.Error(), "start the simulator") {
		t.Fatalf("got %v, want a start failure", err)
	}
}

func TestChildThatDiesBeforeReadyIsReported(t *testing.T) {
	_, err := Run(context.Background(), Options{Size: company.SizeSmall, ChildCommand: []string{"sh", "-c", "echo boom >&2; exit 3"}})
	if err == nil || !strings.Contains(err.Error(), "exited before it was ready") || !strings.Contains(err.Error(), "boom") {
		t.Fatalf("got %v, want an early exit with the child's stderr", err)
	}
}

func TestOptionsAreValidated(t *testing.T) {
	cases := []struct {
		name string
		o    Options
		want string
	}{
		{"json2 before 19", Options{Version: 18, Transports: []string{"json2"}}, "json2 exists from Odoo 19"},
		{"unknown transport", Options{Transports: []string{"grpc"}}, `transport "grpc" is unknown`},
		{"unknown model", Options{Models: []string{"sale.order"}}, `model "sale.order" is not benchmarked`},
		{"unknown size", Options{Size: "huge"}, `size "huge" is unknown`},
		{"no child", Options{}, "no child command"},
		{"bad version", Options{Version: 12}, "version 12 is not simulated"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.o.ChildCommand == nil && c.want != "no child command" {
				c.o.ChildCommand = []string{"x"}
			}
			err := c.o.withDefaults().validate()
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want %q", err, c.want)
			}
		})
	}
	if err := (Options{Version: 18, ChildCommand: []string{"x"}}).withDefaults().validate(); err != nil {
		t.Fatalf("defaults on 18 must be valid (no json2): %v", err)
	}
}
