package odoo

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// VersionInfo is common.version's answer. Major is parsed from server_version_info,
// whose first item is 19 on-premise but "saas~17" on Odoo Online.
type VersionInfo struct {
	ServerVersion string `json:"server_version"`
	Info          []any  `json:"server_version_info"`
	Serie         string `json:"server_serie"`
	Protocol      int    `json:"protocol_version"`
	Major         int    `json:"-"`
	Minor         int    `json:"-"`
}

func (v *VersionInfo) parse() error {
	if len(v.Info) >= 2 {
		major, err1 := versionPart(v.Info[0])
		minor, err2 := versionPart(v.Info[1])
		if err1 == nil && err2 == nil {
			v.Major, v.Minor = major, minor
			return nil
		}
	}
	// Fall back to the text: "19.0", "saas~17.2+e", "18.0+e".
	s := strings.TrimPrefix(v.ServerVersion, "saas~")
	majorText, rest, _ := strings.Cut(s, ".")
	major, err := strconv.Atoi(majorText)
	if err != nil || major <= 0 {
		return fmt.Errorf("cannot read a major version from server_version %q / server_version_info %v", v.ServerVersion, v.Info)
	}
	v.Major = major
	v.Minor, _ = strconv.Atoi(strings.TrimRightFunc(rest, func(r rune) bool { return r < '0' || r > '9' }))
	return nil
}

func versionPart(x any) (int, error) {
	switch n := x.(type) {
	case float64:
		return int(n), nil
	case json.Number:
		i, err := n.Int64()
		return int(i), err
	case string:
		return strconv.Atoi(strings.TrimPrefix(n, "saas~"))
	}
	return 0, fmt.Errorf("version part %v is not a number", x)
}

func (v *VersionInfo) String() string {
	if v == nil {
		return "unknown"
	}
	return v.ServerVersion
}
