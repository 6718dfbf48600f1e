package pullbench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"
)

// child is the running simulator process, seen from the parent.
type child struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stderr *tailBuffer
	ready  childReady
	http   *http.Client
	exited chan error // the result of Wait, once the child has exited
}

// startChild starts the simulator process and waits for its readiness line. Building a
// large company takes about a minute; ctx bounds the wait.
func startChild(ctx context.Context, argv []string, spec ChildSpec, progress io.Writer) (*child, error) {
	specJSON, err := json.Marshal(spec)
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Env = append(os.Environ(), ChildEnv+"="+string(specJSON))
	c := &child{cmd: cmd, stderr: &tailBuffer{max: 8 << 10}, http: &http.Client{Timeout: 10 * time.Second}}
	cmd.Stderr = c.stderr
	// An io.Pipe rather than StdoutPipe: Wait then waits for the copy, so reading the
	// rest of the output never races with Wait closing the pipe.
	stdout, stdoutW := io.Pipe()
	cmd.Stdout = stdoutW
	if c.stdin, err = cmd.StdinPipe(); err != nil {
		return nil, fmt.Errorf("start the simulator: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start the simulator %q: %w", strings.Join(argv, " "), err)
	}
	c.exited = make(chan error, 1)
	go func() {
		err := cmd.Wait()
		stdoutW.Close() // the reader sees EOF once the child is gone, ready or not
		c.exited <- err
	}()
	c.ready, err = readReady(stdout, progress)
	if err != nil {
		go io.Copy(io.Discard, stdout)
		c.stop()
		return nil, fmt.Errorf("simulator %s size %s: %w%s", argv[0], spec.Size, err, c.stderrNote())
	}
	go io.Copy(io.Discard, stdout) // keep the pipe drained until the child exits
	return c, nil
}

// usage asks the child for its CPU time and peak RSS so far.
func (c *child) usage(ctx context.Context) (childUsage, error) {
	var u childUsage
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+c.ready.Addr+usagePath, nil)
	if err != nil {
		return u, err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return u, fmt.Errorf("ask the simulator its CPU time: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return u, fmt.Errorf("ask the simulator its CPU time: HTTP %d", resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(&u); err != nil {
		return u, fmt.Errorf("read the simulator's CPU time: %w", err)
	}
	return u, nil
}

// stop closes the child's stdin, which ends it, and kills it if it has not exited
// within ten seconds.
func (c *child) stop() error {
	c.http.CloseIdleConnections()
	c.stdin.Close()
	select {
	case err := <-c.exited:
		if err != nil {
			return fmt.Errorf("simulator exited: %w%s", err, c.stderrNote())
		}
		return nil
	case <-time.After(10 * time.Second):
		c.cmd.Process.Kill()
		<-c.exited
		return fmt.Errorf("simulator did not stop within 10s of its stdin closing; killed it%s", c.stderrNote())
	}
}

func (c *child) stderrNote() string {
	if s := strings.TrimSpace(c.stderr.String()); s != "" {
		return "\nsimulator stderr:\n" + s
	}
	return ""
}

// tailBuffer keeps the last max bytes written: enough of the child's stderr to explain a
// failure without holding a runaway log.
type tailBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
	max int
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf.Write(p)
	if over := t.buf.Len() - t.max; over > 0 {
		t.buf.Next(over)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.buf.String()
}
