package pullbench

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/smartodoo/smartodoo/internal/odoo"
	"github.com/smartodoo/smartodoo/internal/odoosim/company"
)

// Models that Run knows how to pull with their typed records.
const (
	ModelPartner  = "res.partner"
	ModelMoveLine = "account.move.line"
)

// Options describe one benchmark run.
type Options struct {
	Size    company.Size // small, demo or large (default large)
	Version int          // Odoo major version the simulator behaves like: 17, 18 or 19 (default 19)
	Seed    int64        // generator seed (default 42)

	Transports []string // json2, jsonrpc, xmlrpc (default: all the version has)
	Models     []string // res.partner, account.move.line (default both)

	PageSize    int // records per search_read (default 500, the client's)
	Concurrency int // id ranges in flight and the client's MaxConcurrency (default 4)

	// ChildCommand is the program and arguments that, started with ChildEnv set, call
	// ServeChild: Command re-executes its own binary; tests re-execute the test binary.
	ChildCommand []string
	// Progress receives a line as each step finishes (nil: silent).
	Progress io.Writer
	// Clock times the pulls (default time.Now).
	Clock func() time.Time
}

var knownModels = []string{ModelPartner, ModelMoveLine}

func (o Options) withDefaults() Options {
	o.Size = cmp.Or(o.Size, company.SizeLarge)
	o.Version = cmp.Or(o.Version, 19)
	o.Seed = cmp.Or(o.Seed, 42)
	o.PageSize = cmp.Or(o.PageSize, 500)
	o.Concurrency = cmp.Or(o.Concurrency, 4)
	if len(o.Transports) == 0 {
		o.Transports = []string{odoo.TransportJSONRPC, odoo.TransportXMLRPC}
		if o.Version >= 19 {
			o.Transports = append([]string{odoo.TransportJSON2}, o.Transports...)
		}
	}
	if len(o.Models) == 0 {
		o.Models = knownModels
	}
	if o.Progress == nil {
		o.Progress = io.Discard
	}
	if o.Clock == nil {
		o.Clock = time.Now
	}
	return o
}

// validate says, for each problem, what to pass instead.
func (o Options) validate() error {
	var errs []error
	if o.Size != company.SizeSmall && o.Size != company.SizeDemo && o.Size != company.SizeLarge {
		errs = append(errs, fmt.Errorf("size %q is unknown: use small, demo or large", o.Size))
	}
	if o.Version < 17 || o.Version > 19 {
		errs = append(errs, fmt.Errorf("version %d is not simulated: use 17, 18 or 19", o.Version))
	}
	for _, t := range o.Transports {
		switch t {
		case odoo.TransportJSONRPC, odoo.TransportXMLRPC:
		case odoo.TransportJSON2:
			if o.Version < 19 {
				errs = append(errs, fmt.Errorf("transport json2 exists from Odoo 19: use version 19 or drop json2"))
			}
		default:
			errs = append(errs, fmt.Errorf("transport %q is unknown: use json2, jsonrpc or xmlrpc", t))
		}
	}
	for _, m := range o.Models {
		if !slices.Contains(knownModels, m) {
			errs = append(errs, fmt.Errorf("model %q is not benchmarked: use %v", m, knownModels))
		}
	}
	if o.PageSize < 1 || o.Concurrency < 1 {
		errs = append(errs, fmt.Errorf("page size (%d) and concurrency (%d) must be at least 1", o.PageSize, o.Concurrency))
	}
	if len(o.ChildCommand) == 0 {
		errs = append(errs, errors.New("no child command: set Options.ChildCommand to a program that calls pullbench.ServeChild when "+ChildEnv+" is set"))
	}
	if len(errs) > 0 {
		return fmt.Errorf("pull benchmark options: %w", errors.Join(errs...))
	}
	return nil
}
