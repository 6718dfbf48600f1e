// Package config holds Smart Odoo's configuration: defaults, an optional KEY=VALUE file,
// SMARTODOO_* environment variables and command-line flags, in rising precedence,
// and the validation that turns a bad setting into a message that says what to fix.
package config

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"
	"time"

	"github.com/caarlos0/env/v11"
)

// Config is the effective configuration of one process. Field tags name the environment
// variable (env), the default (envDefault), whether it is a secret (secret:"true", masked when
// printed) and a one-line description (doc) used by `config check` and the README table.
type Config struct {
	HTTPAddr      string        `env:"HTTP_ADDR" envDefault:"127.0.0.1:8080" doc:"address the API and dashboard listen on (--addr)"`
	PublicURL     string        `env:"PUBLIC_URL" doc:"URL at which Odoo reaches this server, for native webhooks (default http://<addr>)"`
	DatabaseURL   string        `env:"DATABASE_URL" doc:"empty or a path = SQLite file (default ./data/smartodoo.db); postgres://… = PostgreSQL"`
	SQLiteSync    string        `env:"SQLITE_SYNCHRONOUS" envDefault:"NORMAL" doc:"SQLite synchronous mode: NORMAL or FULL"`
	Workers       int           `env:"WORKERS" envDefault:"4" doc:"concurrent background jobs per process"`
	Timezone      string        `env:"TIMEZONE" envDefault:"UTC" doc:"IANA timezone for schedules that do not name one"`
	LogLevel      string        `env:"LOG_LEVEL" envDefault:"info" doc:"debug, info, warn or error"`
	LogFormat     string        `env:"LOG_FORMAT" envDefault:"text" doc:"text or json"`
	WebhookSecret string        `env:"WEBHOOK_SECRET" secret:"true" doc:"HMAC secret for signed webhooks (X-Smartodoo-Signature); empty disables them"`
	WebhookMaxAge time.Duration `env:"WEBHOOK_MAX_AGE" envDefault:"5m" doc:"how old a signed webhook's timestamp may be"`
	ShutdownGrace time.Duration `env:"SHUTDOWN_GRACE" envDefault:"30s" doc:"how long SIGTERM waits for running jobs before handing them back"`

	OdooURL       string `env:"ODOO_URL" doc:"base URL of the Odoo server, e.g. https://erp.example.com"`
	OdooDB        string `env:"ODOO_DB" doc:"Odoo database name"`
	OdooUser      string `env:"ODOO_USER" doc:"Odoo login of the integration user"`
	OdooAPIKey    string `env:"ODOO_API_KEY" secret:"true" doc:"Odoo API key of that user (preferred over a password)"`
	OdooPassword  string `env:"ODOO_PASSWORD" secret:"true" doc:"Odoo password, when no API key is set"`
	OdooTransport string `env:"ODOO_TRANSPORT" envDefault:"auto" doc:"auto, json2, jsonrpc or xmlrpc"`

	SessionSecret  string `env:"SESSION_SECRET" secret:"true" doc:"key for dashboard session and CSRF tokens (random per start when empty: sessions end on restart)"`
	DashboardRoles string `env:"DASHBOARD_ROLES" doc:"Odoo group → role map for dashboard sign-in, first match wins, e.g. base.group_system=admin,account.group_account_manager=cfo (default: admin, accounting manager → cfo, sales manager → sales, inventory manager → warehouse, others viewer)"`
}

const envPrefix = "SMARTODOO_"

// Load builds a Config from defaults, the file named by SMARTODOO_CONFIG (or path, when not
// empty) and the environment. Flags are applied afterwards by the CLI with Set.
func Load(path string, environ []string) (Config, error) {
	vars := envMap(environ)
	if path == "" {
		path = vars[envPrefix+"CONFIG"]
	}
	merged := map[string]string{}
	if path != "" {
		fileVars, err := readFile(path)
		if err != nil {
			return Config{}, err
		}
		for k, v := range fileVars {
			merged[k] = v
		}
	}
	for k, v := range vars {
		merged[k] = v // the environment wins over the file
	}
	var c Config
	err := env.ParseWithOptions(&c, env.Options{Prefix: envPrefix, Environment: merged})
	if err != nil {
		return Config{}, fmt.Errorf("read configuration: %w", err)
	}
	return c, nil
}

func envMap(environ []string) map[string]string {
	m := make(map[string]string, len(environ))
	for _, kv := range environ {
		if k, v, ok := strings.Cut(kv, "="); ok && strings.HasPrefix(k, envPrefix) {
			m[k] = v
		}
	}
	return m
}

// readFile reads KEY=VALUE lines (SMARTODOO_ names, # comments, optional quotes).
func readFile(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open config file: %w", err)
	}
	defer f.Close()
	return parseFile(f, path)
}

func parseFile(r io.Reader, name string) (map[string]string, error) {
	out := map[string]string{}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		k = strings.TrimSpace(k)
		if !ok || !strings.HasPrefix(k, envPrefix) {
			return nil, fmt.Errorf("config file %s line %d: want SMARTODOO_NAME=value, got %q", name, n, line)
		}
		out[k] = strings.Trim(strings.TrimSpace(v), `"'`)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read config file %s: %w", name, err)
	}
	return out, nil
}

// Setting describes one configuration field for `config check` and the README table.
type Setting struct {
	Env, Default, Doc, Value string
	Secret                   bool
}

// Settings lists every field with its current value, secrets masked.
func (c Config) Settings() []Setting {
	v := reflect.ValueOf(c)
	t := v.Type()
	out := make([]Setting, 0, t.NumField())
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		s := Setting{
			Env:     envPrefix + f.Tag.Get("env"),
			Default: f.Tag.Get("envDefault"),
			Doc:     f.Tag.Get("doc"),
			Secret:  f.Tag.Get("secret") == "true",
			Value:   fmt.Sprint(v.Field(i).Interface()),
		}
		if s.Secret && s.Value != "" {
			s.Value = "****" // never print a secret, not even a part of it
		}
		out = append(out, s)
	}
	return out
}
