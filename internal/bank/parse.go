package bank

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/smartodoo/smartodoo/internal/core"
)

// ParseOptions controls Parse.
type ParseOptions struct {
	Format  Format      // FormatAuto (or "") detects it from the content
	Mapping *CSVMapping // required for CSV
	// AllowUnbalanced skips the opening + lines = closing check. Only for inspecting a file
	// (bank parse); an import must never use it.
	AllowUnbalanced bool
}

// Detect guesses the format from the content: CAMT and OFX 2 by their XML, OFX 1 by its
// header, MT940 by its tags; anything else is treated as CSV.
func Detect(data []byte) Format {
	head := strings.ToUpper(string(bytes.TrimSpace(bytes.TrimPrefix(data[:min(len(data), 4096)], []byte("\xef\xbb\xbf")))))
	switch {
	case strings.Contains(head, "CAMT.05") || strings.Contains(head, "<BKTOCSTMR"):
		return FormatCAMT
	case strings.HasPrefix(head, "OFXHEADER") || strings.Contains(head, "<OFX>") || strings.Contains(head, "<?OFX"):
		return FormatOFX
	case strings.Contains(head, ":20:") && (strings.Contains(head, ":25:") || strings.Contains(head, ":60F:") || strings.Contains(head, ":61:")):
		return FormatMT940
	}
	return FormatCSV
}

// Parse reads a statement file in any supported format and checks every statement's
// balances (unless AllowUnbalanced).
func Parse(data []byte, opt ParseOptions) ([]Statement, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, core.Errorf(core.CodeInvalid, "the statement file is empty")
	}
	f := opt.Format
	if f == "" || f == FormatAuto {
		f = Detect(data)
	}
	var (
		stmts []Statement
		err   error
	)
	switch f {
	case FormatCAMT:
		stmts, err = ParseCAMT(data)
	case FormatMT940:
		stmts, err = ParseMT940(data)
	case FormatOFX:
		stmts, err = ParseOFX(data)
	case FormatCSV:
		if opt.Mapping == nil {
			return nil, core.Errorf(core.CodeInvalid, "the file is not CAMT, MT940 or OFX; if it is a CSV export, give its column mapping (--mapping FILE)")
		}
		stmts, err = ParseCSV(data, *opt.Mapping)
	default:
		return nil, core.Errorf(core.CodeInvalid, "unknown format %q: use auto, camt, mt940, ofx or csv", f)
	}
	if err != nil {
		return nil, fmt.Errorf("parse %s file: %w", f, err)
	}
	if !opt.AllowUnbalanced {
		for _, s := range stmts {
			if err := s.CheckBalance(); err != nil {
				return nil, err
			}
		}
	}
	return stmts, nil
}
