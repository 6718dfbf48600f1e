package pullbench

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestIDSetCountsDistinctIDsAndRefusesRepeats(t *testing.T) {
	var s idSet
	for _, id := range []int64{1, 64, 63, 65, 1_000_003, 2} {
		if !s.add(id) {
			t.Fatalf("id %d reported as seen before", id)
		}
	}
	for _, id := range []int64{64, 1, 1_000_003} {
		if s.add(id) {
			t.Fatalf("repeated id %d accepted", id)
		}
	}
	if s.n != 6 {
		t.Fatalf("counted %d distinct ids, want 6", s.n)
	}
}

func TestReadReadySkipsOtherLinesAndRejectsBadOnes(t *testing.T) {
	good := "company summary\n" + readyPrefix + `{"addr":"127.0.0.1:5","db":"d","generator":{"elapsed_ns":2000000000}}` + "\n"
	var echo bytes.Buffer
	rd, err := readReady(strings.NewReader(good), &echo)
	if err != nil || rd.Addr != "127.0.0.1:5" || rd.Generator.Elapsed != 2*time.Second {
		t.Fatalf("got %+v, %v", rd, err)
	}
	if !strings.Contains(echo.String(), "company summary") {
		t.Errorf("other output not passed on: %q", echo.String())
	}
	for name, in := range map[string]string{
		"no line":     "starting\n",
		"bad json":    readyPrefix + "{\n",
		"no address":  readyPrefix + `{"db":"d"}` + "\n",
		"empty input": "",
	} {
		if _, err := readReady(strings.NewReader(in), &echo); err == nil {
			t.Errorf("%s: accepted %q", name, in)
		}
	}
}

func TestDerivedFigures(t *testing.T) {
	p := Pull{Records: 100_000, Wall: 2 * time.Second, ClientCPU: time.Second, ServerCPU: 3 * time.Second,
		Allocated: 50_000_000, ResponseBytes: 70_000_000}
	p.derive()
	if p.RecordsPerSecond != 50_000 || p.ClientCPUPer1000 != 10 || p.ServerCPUPer1000 != 30 ||
		p.RecordsPerCoreSec != 100_000 || p.AllocPerRecord != 500 || p.ClientServerRatio != 1.0/3 || p.BytesPerRecord != 700 || !p.MeetsTarget {
		t.Fatalf("derived %+v", p)
	}
	slow := Pull{Records: 1000, Wall: time.Second, ClientCPU: 21 * time.Millisecond}
	slow.derive()
	if slow.MeetsTarget {
		t.Fatalf("%.0f records per core-second meets a target of %d", slow.RecordsPerCoreSec, TargetPerCoreSecond)
	}
}
