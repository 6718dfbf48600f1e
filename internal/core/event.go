package core

import (
	"encoding/json"
	"strconv"
	"time"
)

// Event sources.
const (
	SourceSignedWebhook = "signed" // X-Smartodoo-Signature webhook (our Odoo addon or any sender with the secret)
	SourceNativeWebhook = "native" // Odoo's own "Send Webhook Notification" to a secret URL
	SourcePoller        = "poller" // our write_date watermark poller
	SourceManual        = "manual" // an API or CLI call
)

// Event is one change in Odoo (or a manual trigger) that automations may react to.
// Events for the same record and write_date coalesce into one (CoalesceKey).
type Event struct {
	ID           int64           `json:"id"`
	ConnectionID int64           `json:"connection_id"`
	Source       string          `json:"source"`
	Model        string          `json:"model"`
	RecordID     int64           `json:"record_id"`
	Action       string          `json:"action"` // create, write, unlink, or a custom verb
	WriteDate    string          `json:"write_date,omitempty"`
	Payload      json.RawMessage `json:"payload"`
	ReceivedAt   time.Time       `json:"received_at"`
	CoalesceKey  string          `json:"coalesce_key"`
	Duplicates   int             `json:"duplicates"` // how many later posts were folded into this one
}

// CoalesceKeyFor is the key under which posts about one change of one record fold together.
// Odoo sends one edit as several posts with the same write_date; a poller sees the same write_date.
func CoalesceKeyFor(connectionID int64, model string, recordID int64, action, writeDate string) string {
	if writeDate == "" {
		writeDate = "-"
	}
	return strconv.FormatInt(connectionID, 10) + "|" + model + "|" + strconv.FormatInt(recordID, 10) + "|" + action + "|" + writeDate
}
