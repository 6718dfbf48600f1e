package odoo

import (
	"context"
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// Record is a typed Odoo record: a struct whose json tags are Odoo field names.
// Fields lists the fields to request from a given major version, so a struct can carry
// fields renamed across versions (product detailed_type on 16/17, type + is_storable on
// 18+) and each version is asked only for what it has.
//
// Version ranges come from struct tags: `since:"18"` and `until:"18"` (inclusive).
type Record interface {
	Model() string
	Fields(version int) []string
}

var fieldCache sync.Map // fieldKey -> []string

type fieldKey struct {
	t       reflect.Type
	version int
}

// fieldsOf lists the json-tagged fields of rec's struct type that exist in version.
func fieldsOf(rec any, version int) []string {
	t := reflect.TypeOf(rec)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	key := fieldKey{t, version}
	if v, ok := fieldCache.Load(key); ok {
		return v.([]string)
	}
	var names []string
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" || !inRange(f.Tag, version) {
			continue
		}
		names = append(names, name)
	}
	fieldCache.Store(key, names)
	return names
}

func inRange(tag reflect.StructTag, version int) bool {
	if s := tag.Get("since"); s != "" {
		if n, err := strconv.Atoi(s); err == nil && version < n {
			return false
		}
	}
	if u := tag.Get("until"); u != "" {
		if n, err := strconv.Atoi(u); err == nil && version > n {
			return false
		}
	}
	return true
}

// SearchRecords runs search_read for a typed record, asking for exactly the fields the
// connected Odoo version has.
func SearchRecords[T Record](ctx context.Context, c *Client, domain Domain, opts ...Option) ([]T, error) {
	var zero T
	v, err := c.Version(ctx)
	if err != nil {
		return nil, err
	}
	var out []T
	err = c.SearchRead(ctx, zero.Model(), domain, zero.Fields(v.Major), &out, opts...)
	return out, err
}

// ReadRecords reads typed records by id; ids that do not exist are skipped, as Odoo does.
func ReadRecords[T Record](ctx context.Context, c *Client, ids []int64, opts ...Option) ([]T, error) {
	var zero T
	v, err := c.Version(ctx)
	if err != nil {
		return nil, err
	}
	var out []T
	err = c.Read(ctx, zero.Model(), ids, zero.Fields(v.Major), &out, opts...)
	return out, err
}
