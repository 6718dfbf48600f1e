package pullbench

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"runtime"
	"time"

	"github.com/smartodoo/smartodoo/internal/odoosim/company"
	"github.com/smartodoo/smartodoo/internal/odoosim/seeded"
)

// ChildEnv names the environment variable that turns a re-executed binary into the
// simulator child. Its value is a JSON ChildSpec. The simulator runs in a process of its
// own so that getrusage in the parent measures the client alone.
const ChildEnv = "SMARTODOO_PULLBENCH_CHILD"

// readyPrefix starts the one line the child prints on stdout once it serves.
const readyPrefix = "pullbench-ready "

// usagePath is served by the child beside the simulator: its own CPU time and peak RSS,
// so the parent can tell the server's cost of each pull from the client's.
const usagePath = "/_pullbench/usage"

// ChildSpec is what the parent asks the child to build.
type ChildSpec struct {
	Size    company.Size `json:"size"`
	Version int          `json:"version"`
	Seed    int64        `json:"seed"`
}

// Generator is what building the simulator cost, measured in the child: generating the
// company and inserting every record into the in-memory simulator.
type Generator struct {
	Elapsed    time.Duration `json:"elapsed_ns"`
	CPU        time.Duration `json:"cpu_ns"`         // user+system CPU of the child up to readiness
	PeakRSS    int64         `json:"peak_rss_bytes"` // the child's maximum resident set at readiness
	HeapInUse  uint64        `json:"heap_bytes"`     // live heap after a GC: what the loaded simulator holds
	Summary    string        `json:"summary"`        // the generated company, in one line
	GOMAXPROCS int           `json:"gomaxprocs"`
}

// childReady is the readiness line's payload.
type childReady struct {
	Addr      string    `json:"addr"`
	DB        string    `json:"db"`
	Generator Generator `json:"generator"`
}

// childUsage is the usage endpoint's answer.
type childUsage struct {
	CPU     time.Duration `json:"cpu_ns"`
	PeakRSS int64         `json:"peak_rss_bytes"`
}

// IsChild reports whether this process was started as the simulator child.
func IsChild() bool { return os.Getenv(ChildEnv) != "" }

// ServeChild is the child's whole life: build the simulator described by ChildEnv, serve
// it on a loopback port, print the readiness line on stdout, and stop when stdin closes
// (the parent closed it, or died) or ctx ends. The parent never leaves a simulator of a
// million partners running behind it.
func ServeChild(ctx context.Context, stdin io.Reader, stdout io.Writer) error {
	var spec ChildSpec
	if err := json.Unmarshal([]byte(os.Getenv(ChildEnv)), &spec); err != nil {
		return fmt.Errorf("pullbench child: %s is not a JSON spec: %w", ChildEnv, err)
	}
	start := time.Now()
	sim, err := seeded.New(ctx, seeded.Options{Version: spec.Version, Seed: spec.Seed, Size: spec.Size})
	if err != nil {
		return fmt.Errorf("pullbench child: build the %s simulator: %w", spec.Size, err)
	}
	defer sim.Close()
	gen := Generator{Elapsed: time.Since(start), GOMAXPROCS: runtime.GOMAXPROCS(0)}
	if sim.Truth != nil {
		gen.Summary = sim.Truth.Summary()
	}
	gen.CPU, gen.PeakRSS = selfUsage()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	gen.HeapInUse = ms.HeapAlloc

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("pullbench child: listen on loopback: %w", err)
	}
	ready, err := json.Marshal(childReady{Addr: ln.Addr().String(), DB: sim.Server.DB(), Generator: gen})
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+usagePath, serveUsage)
	mux.Handle("/", sim.Server.Handler())
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	if _, err := fmt.Fprintf(stdout, "%s%s\n", readyPrefix, ready); err != nil {
		srv.Close()
		return fmt.Errorf("pullbench child: announce readiness: %w", err)
	}
	stdinClosed := make(chan struct{})
	go func() { io.Copy(io.Discard, stdin); close(stdinClosed) }()
	select {
	case err := <-errc:
		return fmt.Errorf("pullbench child: serve: %w", err)
	case <-stdinClosed:
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("pullbench child: shut down: %w", err)
	}
	return nil
}

func serveUsage(w http.ResponseWriter, _ *http.Request) {
	cpu, rss := selfUsage()
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(childUsage{CPU: cpu, PeakRSS: rss})
}

// readReady scans the child's stdout for the readiness line, passing any other line to
// echo (the simulator may log a summary first).
func readReady(r io.Reader, echo io.Writer) (childReady, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Bytes()
		payload, ok := cutPrefix(line, readyPrefix)
		if !ok {
			fmt.Fprintf(echo, "simulator: %s\n", line)
			continue
		}
		var rd childReady
		if err := json.Unmarshal(payload, &rd); err != nil {
			return rd, fmt.Errorf("read the simulator's readiness line: %w", err)
		}
		if rd.Addr == "" || rd.DB == "" {
			return rd, fmt.Errorf("the simulator's readiness line has no address or database: %s", payload)
		}
		return rd, nil
	}
	if err := sc.Err(); err != nil {
		return childReady{}, fmt.Errorf("read the simulator's output: %w", err)
	}
	return childReady{}, errors.New("the simulator exited before it was ready")
}

func cutPrefix(line []byte, prefix string) ([]byte, bool) {
	if len(line) < len(prefix) || string(line[:len(prefix)]) != prefix {
		return nil, false
	}
	return line[len(prefix):], true
}
