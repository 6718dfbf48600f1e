package odoosim

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"sort"
	"strconv"
	"sync"
	"time"
)

// webhookPost is one native "Send Webhook Notification" request.
type webhookPost struct {
	url  string
	body []byte
}

// queueWebhook builds the payload of an ir.actions.server of state "webhook" for one
// record, exactly as Odoo does: {_action, _id, _model} plus record.read(webhook fields,
// load=None), dumped with sort_keys. The post is sent after the call commits.
func (e *Env) queueWebhook(am *model, pos int, m *model, id int64) error {
	url, _ := e.rawValue(am, pos, am.field("webhook_url")).(string)
	if url == "" {
		return nil
	}
	name, _ := e.rawValue(am, pos, am.field("name")).(string)
	var fields []string
	for _, fid := range e.rawValue(am, pos, am.field("webhook_field_ids")).([]int64) {
		if n := e.fieldNameOf(fid); n != "" && m.field(n) != nil {
			fields = append(fields, n)
		}
	}
	payload := map[string]any{"_action": fmt.Sprintf("%s(#%d)", name, am.table.ids[pos]),
		"_id": id, "_model": m.name, "id": id}
	if len(fields) > 0 {
		recs, err := e.readRecords(m.name, []int64{id}, fields, false)
		if err != nil {
			return fmt.Errorf("read webhook fields of %s(%d): %w", m.name, id, err)
		}
		for _, r := range recs {
			for i, k := range r.keys {
				payload[k] = r.vals[i]
			}
		}
	}
	e.tx.posts = append(e.tx.posts, webhookPost{url: url, body: pyJSON(payload)})
	return nil
}

// webhookSender delivers posts one at a time in commit order, with Odoo's 1 s timeout
// and no retry. Ordering guarantee: posts of one call keep their order and calls are
// delivered in the order they committed. A call that fails sends nothing (Odoo 18 would
// already have sent its synchronous posts; 19 posts after commit like the simulator).
// The delivering goroutine runs only while posts are queued, so a server that sends no
// webhooks, or has sent them all, leaves no goroutine behind.
type webhookSender struct {
	client  *http.Client
	log     *slog.Logger
	mu      sync.Mutex
	idle    *sync.Cond // signalled when the queue drains and the goroutine exits
	queue   []webhookPost
	running bool
	closed  bool
}

func newWebhookSender(client *http.Client, log *slog.Logger) *webhookSender {
	w := &webhookSender{client: client, log: log}
	w.idle = sync.NewCond(&w.mu)
	return w
}

func (w *webhookSender) enqueue(posts []webhookPost) {
	if len(posts) == 0 {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		w.log.Warn("odoosim webhook: server closed, posts dropped", "count", len(posts))
		return
	}
	w.queue = append(w.queue, posts...)
	if !w.running {
		w.running = true
		go w.loop()
	}
}

func (w *webhookSender) loop() {
	for {
		w.mu.Lock()
		if len(w.queue) == 0 {
			// Idle keep-alive connections would outlive the sender (and trip goleak in
			// callers' tests); Odoo's requests session does not keep them either.
			w.client.CloseIdleConnections()
			w.running = false
			w.idle.Broadcast()
			w.mu.Unlock()
			return
		}
		p := w.queue[0]
		w.queue = w.queue[1:]
		w.mu.Unlock()
		w.send(p)
	}
}

func (w *webhookSender) send(p webhookPost) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.url, bytes.NewReader(p.body))
	if err != nil {
		w.log.Warn("odoosim webhook: bad url", "url", p.url, "err", err)
		return
	}
	req.Header.Set("User-Agent", "python-requests/2.28.1")
	req.Header.Set("Accept-Encoding", "gzip, deflate")
	req.Header.Set("Accept", "*/*")
	req.Header.Set("Connection", "keep-alive")
	req.Header.Set("Content-Type", "application/json")
	resp, err := w.client.Do(req)
	if err != nil {
		w.log.Warn("odoosim webhook: post failed (no retry, like Odoo)", "url", p.url, "err", err)
		return
	}
	resp.Body.Close()
}

// flush waits until every queued post has been attempted.
func (w *webhookSender) flush() {
	w.mu.Lock()
	defer w.mu.Unlock()
	for w.running {
		w.idle.Wait()
	}
}

// close delivers what is queued, then refuses new posts.
func (w *webhookSender) close() {
	w.mu.Lock()
	w.closed = true
	w.mu.Unlock()
	w.flush()
}

// FlushWebhooks blocks until all webhooks of committed calls have been posted (or failed).
func (s *Server) FlushWebhooks() { s.hooks.flush() }

// pyJSON encodes like Python's json.dumps(v, sort_keys=True): ", " and ": " separators,
// non-ASCII escaped, floats always with a fraction.
func pyJSON(v any) []byte {
	var b bytes.Buffer
	writePyJSON(&b, v)
	return b.Bytes()
}

func writePyJSON(b *bytes.Buffer, v any) {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case int64:
		b.WriteString(strconv.FormatInt(x, 10))
	case int:
		b.WriteString(strconv.Itoa(x))
	case Float:
		writePyFloat(b, float64(x))
	case float64:
		writePyFloat(b, x)
	case string:
		writePyString(b, x)
	case []int64:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(strconv.FormatInt(e, 10))
		}
		b.WriteByte(']')
	case []any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			writePyJSON(b, e)
		}
		b.WriteByte(']')
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteString(", ")
			}
			writePyString(b, k)
			b.WriteString(": ")
			writePyJSON(b, x[k])
		}
		b.WriteByte('}')
	default:
		writePyString(b, fmt.Sprint(x))
	}
}

func writePyFloat(b *bytes.Buffer, f float64) {
	out, _ := Float(f).MarshalJSON()
	if math.IsInf(f, 0) || math.IsNaN(f) {
		out = []byte("NaN")
	}
	b.Write(out)
}

func writePyString(b *bytes.Buffer, s string) {
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r > 0x7e:
			if r > 0xffff {
				var buf [2]uint16
				r1, r2 := utf16Pair(r)
				buf[0], buf[1] = r1, r2
				fmt.Fprintf(b, `\u%04x\u%04x`, buf[0], buf[1])
			} else {
				fmt.Fprintf(b, `\u%04x`, r)
			}
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
}

func utf16Pair(r rune) (uint16, uint16) {
	r -= 0x10000
	return uint16(0xd800 + (r>>10)&0x3ff), uint16(0xdc00 + r&0x3ff)
}

// webhookSamplePayload is what Odoo shows in the action form: the payload for the first
// record of the model, indented, with _name (not _action/_id, unlike the real payload).
func webhookSamplePayload(env *Env, id int64) any {
	am := env.s.models["ir.actions.server"]
	pos := am.table.pos(id)
	if state, _ := env.rawValue(am, pos, am.field("state")).(string); state != "webhook" {
		return nil
	}
	mid, _ := env.rawValue(am, pos, am.field("model_id")).(int64)
	m := env.s.models[env.modelNameOf(mid)]
	if m == nil {
		return nil
	}
	name, _ := env.rawValue(am, pos, am.field("name")).(string)
	payload := map[string]any{"_model": m.name, "_name": name}
	var fields []string
	for _, fid := range env.rawValue(am, pos, am.field("webhook_field_ids")).([]int64) {
		if n := env.fieldNameOf(fid); n != "" && m.field(n) != nil {
			fields = append(fields, n)
		}
	}
	if ids, err := env.search(m.name, nil, "", 0, 1); err == nil && len(ids) == 1 {
		payload["id"] = ids[0]
		if recs, err := env.readRecords(m.name, ids, fields, false); err == nil && len(recs) == 1 && len(fields) > 0 {
			for i, k := range recs[0].keys {
				payload[k] = recs[0].vals[i]
			}
		}
	}
	return indentPyJSON(pyJSON(payload))
}

// indentPyJSON re-lays a flat pyJSON object like json.dumps(indent=4): one key per line.
func indentPyJSON(flat []byte) string {
	var out bytes.Buffer
	if err := json.Indent(&out, flat, "", "    "); err != nil {
		return string(flat)
	}
	return out.String()
}
