package odoo

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
)

// Odoo sends empty char, date, many2one and selection values as false (never null).
// These types accept false (and null) as "empty" so typed records decode every version.

var (
	jsonFalse = []byte("false")
	jsonNull  = []byte("null")
)

func isEmpty(b []byte) bool {
	b = bytes.TrimSpace(b)
	return bytes.Equal(b, jsonFalse) || bytes.Equal(b, jsonNull)
}

// String is a char/text/html/selection value; false reads as "".
type String string

func (s *String) UnmarshalJSON(b []byte) error {
	if v, ok := plainString(b); ok {
		*s = String(v)
		return nil
	}
	if isEmpty(b) {
		*s = ""
		return nil
	}
	var v string
	if err := json.Unmarshal(b, &v); err != nil {
		return fmt.Errorf("odoo string: %w", err)
	}
	*s = String(v)
	return nil
}

// MarshalJSON writes "" as false, as Odoo expects for an empty field.
func (s String) MarshalJSON() ([]byte, error) {
	if s == "" {
		return jsonFalse, nil
	}
	return json.Marshal(string(s))
}

// Many2one is a many2one value: [id, "display name"], a bare id (read with load=None),
// or false. ID 0 means empty.
type Many2one struct {
	ID   int64
	Name string
}

func (m *Many2one) UnmarshalJSON(b []byte) error {
	if v, ok := fastMany2one(b); ok {
		*m = v
		return nil
	}
	*m = Many2one{}
	b = bytes.TrimSpace(b)
	if isEmpty(b) {
		return nil
	}
	if len(b) > 0 && b[0] == '[' {
		var pair []json.RawMessage
		if err := json.Unmarshal(b, &pair); err != nil {
			return fmt.Errorf("odoo many2one: %w", err)
		}
		if len(pair) != 2 {
			return fmt.Errorf("odoo many2one: want [id, name], got %d items", len(pair))
		}
		if err := json.Unmarshal(pair[0], &m.ID); err != nil {
			return fmt.Errorf("odoo many2one id: %w", err)
		}
		var name String // a record without a display name sends false
		if err := json.Unmarshal(pair[1], &name); err != nil {
			return fmt.Errorf("odoo many2one name: %w", err)
		}
		m.Name = string(name)
		return nil
	}
	if err := json.Unmarshal(b, &m.ID); err != nil {
		return fmt.Errorf("odoo many2one: want [id, name], an id or false: %w", err)
	}
	return nil
}

// MarshalJSON writes what a write() expects: the id, or false to clear the field.
func (m Many2one) MarshalJSON() ([]byte, error) {
	if m.ID == 0 {
		return jsonFalse, nil
	}
	return strconv.AppendInt(nil, m.ID, 10), nil
}

// IDs is an x2many value or a list of ids; false reads as empty. A single number reads as
// a one-element list, which is what create() returns over JSON-RPC for one dict.
type IDs []int64

func (ids *IDs) UnmarshalJSON(b []byte) error {
	if v, ok := fastIDs(b); ok {
		*ids = v
		return nil
	}
	b = bytes.TrimSpace(b)
	if isEmpty(b) {
		*ids = IDs{}
		return nil
	}
	if len(b) > 0 && b[0] != '[' {
		var one int64
		if err := json.Unmarshal(b, &one); err != nil {
			return fmt.Errorf("odoo ids: want a list of ids: %w", err)
		}
		*ids = IDs{one}
		return nil
	}
	var list []int64
	if err := json.Unmarshal(b, &list); err != nil {
		return fmt.Errorf("odoo ids: %w", err)
	}
	*ids = list
	return nil
}

// Layouts of Odoo's date and datetime fields (datetimes are UTC).
const (
	DateLayout     = "2006-01-02"
	DatetimeLayout = "2006-01-02 15:04:05"
)

// Date is a date field; the zero value is an empty date (false).
type Date struct{ time.Time }

func (d *Date) UnmarshalJSON(b []byte) (err error) {
	d.Time, err = parseTimeJSON(b, false)
	return err
}

// parseTimeJSON reads a date or datetime value as Odoo sends it: false or null for
// empty, "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS" in UTC (RFC 3339 is tolerated for
// datetimes, from proxies and tools).
func parseTimeJSON(b []byte, datetime bool) (time.Time, error) {
	if t, ok := fastDate(b, datetime); ok {
		return t, nil
	}
	what, layout, format := "date", DateLayout, "YYYY-MM-DD"
	if datetime {
		what, layout, format = "datetime", DatetimeLayout, "YYYY-MM-DD HH:MM:SS"
	}
	if isEmpty(b) {
		return time.Time{}, nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return time.Time{}, fmt.Errorf("odoo %s: %w", what, err)
	}
	t, err := time.Parse(layout, s)
	if err != nil && datetime {
		t, err = time.Parse(time.RFC3339Nano, s)
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("odoo %s %q is not %s", what, s, format)
	}
	return t.UTC(), nil
}

func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return jsonFalse, nil
	}
	return json.Marshal(d.Format(DateLayout))
}

func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format(DateLayout)
}

// Datetime is a datetime field in UTC; the zero value is empty (false).
type Datetime struct{ time.Time }

func (d *Datetime) UnmarshalJSON(b []byte) (err error) {
	d.Time, err = parseTimeJSON(b, true)
	return err
}

func (d Datetime) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return jsonFalse, nil
	}
	return json.Marshal(d.UTC().Format(DatetimeLayout))
}

func (d Datetime) String() string {
	if d.IsZero() {
		return ""
	}
	return d.UTC().Format(DatetimeLayout)
}

// Minor converts an Odoo amount to integer minor units of a currency with the given
// decimal places (res.currency.decimal_places), rounding half away from zero.
func Minor(amount float64, decimals int) int64 { return core.MinorFromFloat(amount, decimals) }

// Money converts an Odoo amount in currency cur to core.Money.
func (cur Currency) Money(amount float64) core.Money {
	return core.Money{Minor: Minor(amount, cur.Decimals()), Currency: string(cur.Name)}
}

// Decimals is the currency's number of decimal places (2 when Odoo sent none).
func (cur Currency) Decimals() int {
	if cur.DecimalPlaces <= 0 && cur.Name == "" {
		return 2
	}
	return cur.DecimalPlaces
}
