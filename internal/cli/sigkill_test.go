package cli

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/loadtest"
	"github.com/smartodoo/smartodoo/internal/store"
	"github.com/smartodoo/smartodoo/internal/store/storetest"
)

const childSecret = "sigkill-test-secret-0123456789"

// TestSIGKILLLosesNoAcknowledgedEvent sends signed webhooks to a real server process, kills
// it with SIGKILL in the middle of the load, restarts it on the same database and checks that
// every event that got a 2xx is stored.
func TestSIGKILLLosesNoAcknowledgedEvent(t *testing.T) {
	if testing.Short() {
		t.Skip("starts server processes")
	}
	dialects := map[string]func(t *testing.T) string{
		"sqlite":   func(t *testing.T) string { return filepath.Join(t.TempDir(), "kill.db") },
		"postgres": func(t *testing.T) string { return storetest.PostgresSchemaURL(t) },
	}
	for name, dsn := range dialects {
		t.Run(name, func(t *testing.T) { sigkillRun(t, dsn(t)) })
	}
}

func sigkillRun(t *testing.T, dsn string) {
	addr := freeAddr(t)
	child := startChild(t, dsn, addr)
	var mu sync.Mutex
	acked := map[int64]bool{}
	killed := make(chan struct{})
	onAck := func(id int64) {
		mu.Lock()
		acked[id] = true
		n := len(acked)
		mu.Unlock()
		if n == 1500 {
			child.Process.Signal(syscall.SIGKILL)
			close(killed)
		}
	}
	res, err := loadtest.Run(context.Background(), loadtest.Options{
		URL: "http://" + addr + "/api/webhooks/odoo", Secret: []byte(childSecret),
		Events: 4000, Concurrency: 32, FirstID: 1, OnAck: onAck,
	})
	if err != nil {
		t.Fatal(err)
	}
	<-killed
	child.Wait()
	t.Logf("load during the kill: %s", res)
	if res.Failed == 0 {
		t.Fatalf("no request failed: the server was not killed during the load")
	}
	restarted := startChild(t, dsn, addr)
	defer stopChild(restarted)

	st, err := store.Open(context.Background(), dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	stored := map[int64]bool{}
	for after := int64(0); ; {
		evs, err := st.ListEvents(context.Background(), store.EventFilter{AfterID: after, Limit: 5000})
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) == 0 {
			break
		}
		for _, e := range evs {
			stored[e.RecordID] = true
			after = e.ID
		}
	}
	lost := 0
	for id := range acked {
		if !stored[id] {
			lost++
		}
	}
	if lost > 0 {
		t.Fatalf("%d of %d acknowledged events were lost", lost, len(acked))
	}
	t.Logf("all %d acknowledged events survived SIGKILL (%d stored in all)", len(acked), len(stored))
}

func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func startChild(t *testing.T, dsn, addr string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(),
		"SMARTODOO_TEST_CHILD=serve --migrate --addr "+addr,
		"SMARTODOO_DATABASE_URL="+dsn,
		"SMARTODOO_WEBHOOK_SECRET="+childSecret,
		"SMARTODOO_LOG_LEVEL=error",
	)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return cmd
			}
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("server did not come up on %s: %v", addr, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func stopChild(cmd *exec.Cmd) {
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		fmt.Fprintln(os.Stderr, "child did not stop on SIGTERM")
	}
}
