// Command schemagen turns the real fields_get captures in ../shared/odoo-reference into the
// compact schema files the simulator embeds, so the simulator binary does not need the
// captures at run time. Run it through `go generate ./internal/odoosim`.
//
// Output: <out>/<major>/<model>.json, a JSON array of fields in Odoo's order (the order
// matters: `read` without fields returns them in that order). Only the attributes the
// simulator uses are kept; false booleans are omitted to keep the files small.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

type field struct {
	Name          string      `json:"name"`
	Type          string      `json:"type"`
	String        string      `json:"string,omitempty"`
	Relation      string      `json:"relation,omitempty"`
	RelationField string      `json:"relation_field,omitempty"`
	Required      bool        `json:"required,omitempty"`
	Readonly      bool        `json:"readonly,omitempty"`
	Store         bool        `json:"store,omitempty"`
	Selection     [][2]string `json:"selection,omitempty"`
}

func main() {
	src := flag.String("src", "../../../shared/odoo-reference", "folder holding <version>/fields_get/*.json captures")
	out := flag.String("out", "schema", "folder to write <major>/<model>.json into")
	flag.Parse()
	if err := run(*src, *out); err != nil {
		fmt.Fprintln(os.Stderr, "schemagen:", err)
		os.Exit(1)
	}
}

func run(src, out string) error {
	for _, version := range []string{"18.0", "19.0"} {
		files, err := filepath.Glob(filepath.Join(src, version, "fields_get", "*.json"))
		if err != nil || len(files) == 0 {
			return fmt.Errorf("no fields_get captures under %s/%s (pass -src): %v", src, version, err)
		}
		dir := filepath.Join(out, strings.TrimSuffix(version, ".0"))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("create %s: %w", dir, err)
		}
		for _, f := range files {
			if err := convert(f, dir); err != nil {
				return fmt.Errorf("convert %s: %w", f, err)
			}
		}
	}
	return nil
}

func convert(path, dir string) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	fields, err := parseOrdered(raw)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	buf.WriteString("[\n")
	for i, f := range fields {
		line, err := json.Marshal(f)
		if err != nil {
			return err
		}
		buf.Write(line)
		if i < len(fields)-1 {
			buf.WriteByte(',')
		}
		buf.WriteByte('\n')
	}
	buf.WriteString("]\n")
	model := strings.TrimSuffix(filepath.Base(path), ".json")
	return os.WriteFile(filepath.Join(dir, model+".json"), buf.Bytes(), 0o644)
}

// parseOrdered decodes the fields_get result keeping Odoo's key order, which a Go map loses.
func parseOrdered(raw []byte) ([]field, error) {
	var env struct {
		Result json.RawMessage `json:"result"`
	}
	if err := json.Unmarshal(raw, &env); err != nil {
		return nil, fmt.Errorf("decode envelope: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(env.Result))
	if _, err := dec.Token(); err != nil {
		return nil, fmt.Errorf("expected an object: %w", err)
	}
	var fields []field
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		var attrs struct {
			field
			Selection []any `json:"selection"`
		}
		if err := dec.Decode(&attrs); err != nil {
			return nil, fmt.Errorf("field %v: %w", tok, err)
		}
		f := attrs.field
		f.Name = tok.(string)
		if strings.HasPrefix(f.Name, "in_group_") || strings.HasPrefix(f.Name, "sel_groups_") {
			// res.users' group pseudo-fields (one per group of the capture database): not
			// stored, and meaningless for another database's groups.
			continue
		}
		sel, ok := stringSelection(attrs.Selection)
		if !ok {
			return nil, fmt.Errorf("field %s has a selection with non-string keys", f.Name)
		}
		f.Selection = sel
		fields = append(fields, f)
	}
	return fields, nil
}

func stringSelection(in []any) ([][2]string, bool) {
	var out [][2]string
	for _, item := range in {
		pair, ok := item.([]any)
		if !ok || len(pair) != 2 {
			return nil, false
		}
		k, ok1 := pair[0].(string)
		v, ok2 := pair[1].(string)
		if !ok1 || !ok2 {
			return nil, false
		}
		out = append(out, [2]string{k, v})
	}
	return out, true
}
