package core

// Role is what a user or API key may do. Every API route declares the roles it admits.
type Role string

const (
	RoleAdmin     Role = "admin"
	RoleCFO       Role = "cfo"
	RoleSales     Role = "sales"
	RoleWarehouse Role = "warehouse"
	RoleViewer    Role = "viewer"
)

// Roles lists every role, most powerful first.
var Roles = []Role{RoleAdmin, RoleCFO, RoleSales, RoleWarehouse, RoleViewer}

// Valid reports whether r is one of Roles.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if r == x {
			return true
		}
	}
	return false
}

// Principal is who is calling: an API key or a dashboard session.
type Principal struct {
	Kind string // "apikey" or "session"
	ID   string // key id or Odoo login
	Name string
	Role Role
}

// Actor is how the principal appears in the audit log.
func (p Principal) Actor() string { return p.Kind + ":" + p.ID }
