package pullbench

import (
	"context"
	"errors"
	"fmt"
	"runtime"
)

// Run builds the simulator once in a child process, then pulls every record of each model
// over each transport through the real client and measures the client's throughput, CPU
// and memory. A pull that does not return exactly search_count distinct records fails the
// run: a fast pull that loses records would be worse than a slow one.
func Run(ctx context.Context, o Options) (Report, error) {
	o = o.withDefaults()
	if err := o.validate(); err != nil {
		return Report{}, err
	}
	rep := Report{
		Size: string(o.Size), Version: o.Version, Seed: o.Seed, PageSize: o.PageSize, Concurrency: o.Concurrency,
		CPUs: runtime.NumCPU(), GOMAXPROCS: runtime.GOMAXPROCS(0),
	}
	fmt.Fprintf(o.Progress, "building the %s company in an Odoo %d simulator child…\n", o.Size, o.Version)
	sim, err := startChild(ctx, o.ChildCommand, ChildSpec{Size: o.Size, Version: o.Version, Seed: o.Seed}, o.Progress)
	if err != nil {
		return rep, err
	}
	rep.Generator = sim.ready.Generator
	fmt.Fprintf(o.Progress, "simulator ready on %s after %s\n", sim.ready.Addr, rep.Generator.Elapsed.Round(1e6))
	pullErr := runPulls(ctx, o, sim, &rep)
	if u, err := sim.usage(ctx); err == nil {
		rep.ServerPeakRSS = u.PeakRSS
	}
	_, rep.ClientPeakRSS = selfUsage()
	return rep, errors.Join(pullErr, sim.stop())
}

// runPulls runs every transport × model pull in order, one at a time so that each has
// both cores' worth of machine to itself (shared with the simulator, as Odoo would be).
func runPulls(ctx context.Context, o Options, sim *child, rep *Report) error {
	for _, tr := range o.Transports {
		client, counter, err := newClient(o, sim.ready, tr)
		if err != nil {
			return err
		}
		if err := client.Connect(ctx); err != nil {
			client.Close()
			return fmt.Errorf("connect over %s: %w", tr, err)
		}
		p := &puller{opt: o, client: client, bytes: counter, sim: sim}
		for _, m := range o.Models {
			res, err := p.pull(ctx, tr, m)
			if err != nil {
				client.Close()
				return err
			}
			rep.Pulls = append(rep.Pulls, res)
			fmt.Fprintf(o.Progress, "%-8s %-18s %9d records in %-10s %8.0f records/s, client %.2f ms CPU per 1,000\n",
				tr, m, res.Records, res.Wall.Round(1e6), res.RecordsPerSecond, res.ClientCPUPer1000)
		}
		client.Close()
	}
	return nil
}
