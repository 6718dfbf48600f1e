// Package automation is the framework every automation plugs into: a registry of the
// automations this process runs, and the runner that executes one run, persists its findings
// and proposals and hands proposals to the approval policy. The automations themselves live
// in sub-packages (bankrec, dedup, credit, closing, …) and never import this package's
// runner, the API or the dashboard.
package automation

import (
	"fmt"
	"slices"
	"sort"
	"sync"

	"github.com/smartodoo/smartodoo/internal/core"
)

// Registry holds the automations of this process, by name.
type Registry struct {
	mu    sync.RWMutex
	items map[string]core.Automation
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { return &Registry{items: map[string]core.Automation{}} }

// Register adds an automation; a second one with the same name is a wiring bug.
func (r *Registry) Register(a core.Automation) error {
	info := a.Info()
	if info.Name == "" {
		return fmt.Errorf("register automation: empty name")
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, dup := r.items[info.Name]; dup {
		return fmt.Errorf("register automation %q: already registered", info.Name)
	}
	r.items[info.Name] = a
	return nil
}

// Get returns the automation called name.
func (r *Registry) Get(name string) (core.Automation, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	a, ok := r.items[name]
	if !ok {
		return nil, core.Errorf(core.CodeNotFound, "no automation named %q (see GET /api/rules for the list)", name)
	}
	return a, nil
}

// Names lists registered automations in alphabetical order.
func (r *Registry) Names() []string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	names := make([]string, 0, len(r.items))
	for n := range r.items {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Infos describes every registered automation, alphabetically.
func (r *Registry) Infos() []core.AutomationInfo {
	var out []core.AutomationInfo
	for _, n := range r.Names() {
		a, _ := r.Get(n)
		out = append(out, a.Info())
	}
	return out
}

// ForModel lists the automations triggered by changes to an Odoo model.
func (r *Registry) ForModel(model string) []string {
	var out []string
	for _, info := range r.Infos() {
		if slices.Contains(info.Models, model) {
			out = append(out, info.Name)
		}
	}
	return out
}
