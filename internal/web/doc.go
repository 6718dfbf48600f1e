// Package web is Smart Odoo's dashboard: server-rendered pages (html/template) with a
// little plain JavaScript for live updates, every asset embedded (go:embed), no CDN and
// no build step.
//
// # How it fits
//
// The dashboard is a view over the same services as the HTTP API: the store for reading,
// approval.Service for approve/reject, automation.Starter for "run now", the store's rule
// and schedule writes (checked as PUT /api/rules does) for settings. It never writes to
// Odoo itself; approving a proposal goes through approval.Service, which re-reads the
// records, refuses on conflict and audits the write. It reads Odoo directly only for the
// overview's figures (bank balances, receivables aging, payables due, late transfers),
// with small explicit field lists, cached for Deps.CacheTTL (default one minute).
//
//	w, err := web.New(web.Deps{Store: …, Approval: …, Runner: …, Starter: …, Hub: …,
//		Odoo: client, Auth: web.OdooAuth{URL: …, DB: …}, SessionSecret: secret})
//	w.Mount(apiServer.Mux())          // pages at /, assets at /static/, live feed at /api/ws
//	api.Deps{Sessions: w.Principal}   // the API then accepts signed-in users too
//
// internal/app wires it (app/web.go: newWeb and mountWeb).
//
// # Sign-in, sessions, roles
//
// A user signs in with their Odoo login and password or API key; OdooAuth checks them
// against the connected Odoo (common.login, or JSON-2 on 19+), then asks Odoo as that user
// which groups they hold (res.users.has_group). The first group of Deps.RoleMap held gives
// the role (DefaultRoleMap: base.group_system → admin, account.group_account_manager → cfo,
// sales_team.group_sale_manager → sales, stock.group_stock_manager → warehouse; otherwise
// viewer; ParseRoleMap reads another mapping).
//
// The session is a signed cookie (HMAC-SHA256 with SMARTODOO_SESSION_SECRET, random per
// process when unset): HttpOnly, SameSite=Strict, Secure over TLS (or Deps.SecureCookies),
// 12 hours. It carries the login, name, role, the user's timezone and language and a
// random nonce. Every form carries a synchronizer CSRF token, an HMAC of that nonce, and
// every POST is refused without it; the sign-in form, before any session exists, uses a
// double-submit cookie. Signing out deletes the cookie; as sessions are stateless, a copied
// cookie stays valid until it expires (rotate the secret to end every session).
//
// access.go holds who sees what: each page lists its roles, each automation the roles that
// read its findings, proposals and runs (finance: bankrec, closing, anomaly; customers:
// credit, dedup), and a proposal is also visible to the roles that may decide it. A
// proposal one may not see answers "not found". The live feed applies the same rules.
//
// # Pages
//
//	/             overview per role: CFO (bank, aging chart, payables due, close readiness,
//	              anomalies), sales (holds, top exposure, duplicates), warehouse (late and
//	              due transfers); pending approvals and latest runs for everyone
//	/approvals    inbox with before/after values (core.Expectation against write values),
//	              evidence, confidence; approve or reject with a reason; bulk approval of
//	              proposals at or above 90 % confidence; /approvals/{id} for one proposal
//	/bank         statement line beside the proposed documents (bankrec evidence), runner-up
//	/dedup        duplicate clusters side by side from Odoo, differing fields highlighted
//	/credit       holds with score explanation and components, score history chart,
//	              exposure ranking, hold override with reason (Deps.Credit)
//	/close        the ten checks of the closing run, readiness trend, lock-date proposals
//	/runs         status, duration, counts, errors, progress; start a run
//	/audit        the audit log with filters
//	/settings     rules and schedules (admin)
//
// Charts are SVG drawn on the server (chart.go): a line chart for trends and a bar chart
// for aging buckets, each point and bar with a <title> tooltip.
//
// # Live updates
//
// GET /api/ws is a WebSocket (github.com/coder/websocket) authenticated by the session
// cookie or an X-API-Key header. It forwards the live.Hub's "run", "finding" and
// "proposal" messages the role may see. static/app.js reconnects with backoff, shows run
// progress in the header and, when an update concerns the open page, fetches the page
// again with X-Partial: 1 and swaps <main> (unless the user is typing in a form there).
//
// # Tests
//
// The tests start a real app on SQLite beside the Odoo simulator with a generated company
// (env_test.go). roles_test.go walks every page and action for every role; ws_test.go
// checks the live feed per role; browser_test.go drives Debian's chromium with chromedp
// (skipped, saying why, when chromium is missing) and saves a screenshot of every view
// under $SMARTODOO_SCREENSHOTS or $TMPDIR/smartodoo-web-screenshots. BenchmarkPages
// measures every page on the demo company.
package web
