package web

import (
	"slices"

	"github.com/smartodoo/smartodoo/internal/approval"
	"github.com/smartodoo/smartodoo/internal/core"
)

// Who may see what. The API lets every role list proposals; the dashboard is stricter and
// shows each role the areas of its job: a warehouse lead has no business reading bank
// lines or credit scores. The same rules filter the live WebSocket feed.
var (
	roleFinance  = []core.Role{core.RoleAdmin, core.RoleCFO, core.RoleViewer}
	roleCustomer = []core.Role{core.RoleAdmin, core.RoleCFO, core.RoleSales, core.RoleViewer}
	roleEveryone = core.Roles
	roleAdmin    = []core.Role{core.RoleAdmin}
	roleAuditors = []core.Role{core.RoleAdmin, core.RoleCFO} // same as GET /api/audit
)

// automationReaders says which roles see an automation's findings, proposals and runs.
// An automation not listed is finance's; a proposal naming other roles adds them.
var automationReaders = map[string][]core.Role{
	"bankrec": roleFinance,
	"closing": roleFinance,
	"anomaly": roleFinance,
	"credit":  roleCustomer,
	"dedup":   roleCustomer,
}

func readersOf(automation string) []core.Role {
	if r, ok := automationReaders[automation]; ok {
		return r
	}
	return roleFinance
}

// seesAutomation reports whether role sees anything of automation.
func seesAutomation(role core.Role, automation string) bool {
	return role == core.RoleAdmin || slices.Contains(readersOf(automation), role)
}

// seesProposal: the automation's readers, plus the roles that may decide it.
func seesProposal(role core.Role, p core.Proposal) bool {
	return seesAutomation(role, p.Automation) || (role != core.RoleViewer && approval.CanDecide(role, p))
}

// mayDecide: a viewer never decides; others as the approval service says.
func mayDecide(role core.Role, p core.Proposal) bool {
	return role != core.RoleViewer && approval.CanDecide(role, p)
}

// page is one screen of the dashboard.
type page struct {
	Path, Title string
	Roles       []core.Role
}

// pages is the navigation, in order; each handler checks its page's roles.
var pages = []page{
	{"/", "Overview", roleEveryone},
	{"/approvals", "Approvals", roleEveryone},
	{"/bank", "Bank reconciliation", roleFinance},
	{"/dedup", "Duplicates", roleCustomer},
	{"/credit", "Credit", roleCustomer},
	{"/close", "Month-end close", roleFinance},
	{"/runs", "Runs", roleEveryone},
	{"/audit", "Audit log", roleAuditors},
	{"/settings", "Rules & schedules", roleAdmin},
}

func pageFor(path string) page {
	for _, p := range pages {
		if p.Path == path {
			return p
		}
	}
	return page{Path: path, Roles: roleAdmin}
}

func (p page) allows(role core.Role) bool { return slices.Contains(p.Roles, role) }

// navFor lists the pages role may open.
func navFor(role core.Role) []page {
	var out []page
	for _, p := range pages {
		if p.allows(role) {
			out = append(out, p)
		}
	}
	return out
}
