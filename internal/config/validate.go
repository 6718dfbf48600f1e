package config

import (
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// Problems returns every problem found, each saying what is wrong and what to do.
// An empty list means the configuration can be used.
func (c Config) Problems() []string {
	var p []string
	add := func(format string, a ...any) { p = append(p, fmt.Sprintf(format, a...)) }
	if _, _, err := net.SplitHostPort(c.HTTPAddr); err != nil {
		add("SMARTODOO_HTTP_ADDR %q is not host:port (e.g. 127.0.0.1:8080)", c.HTTPAddr)
	}
	if c.PublicURL != "" {
		if u, err := url.Parse(c.PublicURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			add("SMARTODOO_PUBLIC_URL %q must be an absolute http(s) URL", c.PublicURL)
		}
	}
	if c.IsPostgres() {
		if _, err := url.Parse(c.DatabaseURL); err != nil {
			add("SMARTODOO_DATABASE_URL is not a valid URL: %v", err)
		}
	}
	if s := strings.ToUpper(c.SQLiteSync); s != "NORMAL" && s != "FULL" {
		add("SMARTODOO_SQLITE_SYNCHRONOUS %q must be NORMAL or FULL", c.SQLiteSync)
	}
	if c.Workers < 1 || c.Workers > 1000 {
		add("SMARTODOO_WORKERS %d must be between 1 and 1000", c.Workers)
	}
	if _, err := time.LoadLocation(c.Timezone); err != nil {
		add("SMARTODOO_TIMEZONE %q is not an IANA timezone (e.g. Europe/Brussels)", c.Timezone)
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		add("SMARTODOO_LOG_LEVEL %q must be debug, info, warn or error", c.LogLevel)
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		add("SMARTODOO_LOG_FORMAT %q must be text or json", c.LogFormat)
	}
	if c.WebhookSecret != "" && len(c.WebhookSecret) < 16 {
		add("SMARTODOO_WEBHOOK_SECRET is too short: use at least 16 random characters")
	}
	if c.WebhookMaxAge <= 0 {
		add("SMARTODOO_WEBHOOK_MAX_AGE must be positive (e.g. 5m)")
	}
	if c.DashboardRoles != "" && !roleMapShape.MatchString(c.DashboardRoles) {
		add("SMARTODOO_DASHBOARD_ROLES %q must be module.group=role pairs separated by commas (roles: admin, cfo, sales, warehouse, viewer)", c.DashboardRoles)
	}
	p = append(p, c.odooProblems()...)
	return p
}

func (c Config) odooProblems() []string {
	var p []string
	if c.OdooURL == "" {
		return nil // no Odoo configured: allowed (demo and tests bring the simulator)
	}
	if u, err := url.Parse(c.OdooURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		p = append(p, fmt.Sprintf("SMARTODOO_ODOO_URL %q must be an absolute http(s) URL", c.OdooURL))
	}
	if c.OdooDB == "" {
		p = append(p, "SMARTODOO_ODOO_DB is empty: set the Odoo database name")
	}
	if c.OdooUser == "" {
		p = append(p, "SMARTODOO_ODOO_USER is empty: set the login of the integration user")
	}
	if c.OdooAPIKey == "" && c.OdooPassword == "" {
		p = append(p, "neither SMARTODOO_ODOO_API_KEY nor SMARTODOO_ODOO_PASSWORD is set: create an API key in Odoo (Preferences → Account Security)")
	}
	switch c.OdooTransport {
	case "auto", "json2", "jsonrpc", "xmlrpc":
	default:
		p = append(p, fmt.Sprintf("SMARTODOO_ODOO_TRANSPORT %q must be auto, json2, jsonrpc or xmlrpc", c.OdooTransport))
	}
	return p
}

var roleMapShape = regexp.MustCompile(`^\s*[a-z0-9_]+\.[a-z0-9_]+\s*=\s*(admin|cfo|sales|warehouse|viewer)\s*(,\s*[a-z0-9_]+\.[a-z0-9_]+\s*=\s*(admin|cfo|sales|warehouse|viewer)\s*)*$`)

// IsPostgres reports whether the store is PostgreSQL.
func (c Config) IsPostgres() bool {
	return strings.HasPrefix(c.DatabaseURL, "postgres://") || strings.HasPrefix(c.DatabaseURL, "postgresql://")
}

// BaseURL is the URL Odoo should use to reach this server.
func (c Config) BaseURL() string {
	if c.PublicURL != "" {
		return strings.TrimRight(c.PublicURL, "/")
	}
	return "http://" + c.HTTPAddr
}
