package bank

import (
	"context"
	"fmt"
	"strings"

	"github.com/smartodoo/smartodoo/internal/core"
)

// State is the part of the store that keeps saved CSV mappings (*store.Store satisfies it).
type State interface {
	GetState(ctx context.Context, automation, key string, v any) (bool, error)
	PutState(ctx context.Context, automation, key string, v any) error
}

const stateScope = "bank"

func mappingKey(name string) string { return "csv_mapping:" + strings.ToLower(strings.TrimSpace(name)) }

// SaveCSVMapping stores a bank's CSV mapping under its name after checking it.
func SaveCSVMapping(ctx context.Context, st State, name string, m CSVMapping) error {
	if strings.TrimSpace(name) == "" {
		return core.Errorf(core.CodeInvalid, "a saved CSV mapping needs a name (the bank's)")
	}
	if err := m.Validate(); err != nil {
		return err
	}
	m.Name = cmpOr(m.Name, name)
	if err := st.PutState(ctx, stateScope, mappingKey(name), m); err != nil {
		return fmt.Errorf("save CSV mapping %q: %w", name, err)
	}
	return nil
}

// LoadCSVMapping returns the mapping saved under name.
func LoadCSVMapping(ctx context.Context, st State, name string) (CSVMapping, error) {
	var m CSVMapping
	found, err := st.GetState(ctx, stateScope, mappingKey(name), &m)
	if err != nil {
		return m, fmt.Errorf("load CSV mapping %q: %w", name, err)
	}
	if !found {
		return m, core.Errorf(core.CodeNotFound, "no saved CSV mapping named %q; save one with: smartodoo bank mapping save %s FILE", name, name)
	}
	return m, nil
}
