package pullbench

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/smartodoo/smartodoo/internal/odoosim/company"
)

// BenchmarkPullDemo runs the whole benchmark at demo size (a child simulator per
// iteration) and reports, per transport and model, the client's records per core-second
// and CPU per 1,000 records. `smartodoo bench pull --size large` is the full measurement.
func BenchmarkPullDemo(b *testing.B) {
	var rep Report
	for b.Loop() {
		var err error
		rep, err = Run(context.Background(), Options{Size: company.SizeDemo, Version: 19, ChildCommand: []string{os.Args[0]}})
		if err != nil {
			b.Fatal(err)
		}
	}
	for _, p := range rep.Pulls {
		name := p.Transport + "-" + strings.ReplaceAll(p.Model, ".", "_")
		b.ReportMetric(p.RecordsPerCoreSec, name+"-records/core-s")
		b.ReportMetric(p.ClientCPUPer1000, name+"-client-ms/1k")
	}
}
