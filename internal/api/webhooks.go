package api

import (
	"context"
	"net/http"
	"strconv"

	"github.com/danielgtaylor/huma/v2"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/ingest"
)

const maxWebhookBody = 1 << 20 // 1 MiB: larger bodies get 413

type signedWebhookIn struct {
	Signature string `header:"X-Smartodoo-Signature" doc:"t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\">"`
	RawBody   []byte `contentType:"application/json"`
}

type nativeWebhookIn struct {
	Token   string `path:"token" doc:"the connection's secret webhook token (see smartodoo odoo connect)"`
	RawBody []byte `contentType:"application/json"`
}

type webhookOut struct {
	Body struct {
		Events []acceptedEvent `json:"events"`
	}
}

type acceptedEvent struct {
	ID        int64  `json:"id"`
	Model     string `json:"model"`
	RecordID  int64  `json:"record_id"`
	Coalesced bool   `json:"coalesced" doc:"true when this post folded into an event already stored"`
}

func (s *Server) routeWebhooks() {
	register(s, huma.Operation{
		OperationID: "webhook-signed", Method: http.MethodPost, Path: "/api/webhooks/odoo", Tags: []string{"Webhooks"},
		Summary:       "Receive signed change events",
		Description:   "Body: one event {model, id, action: create|write|unlink, write_date, values} or {\"events\": [...]}. Verified with X-Smartodoo-Signature (HMAC-SHA256 of \"t.body\", 5-minute window, no replays). 202 means stored durably.",
		DefaultStatus: http.StatusAccepted, MaxBodyBytes: maxWebhookBody, SkipValidateBody: true,
		Errors: []int{http.StatusBadRequest, http.StatusUnauthorized, http.StatusRequestEntityTooLarge, http.StatusServiceUnavailable},
	}, nil, s.signedWebhook)
	register(s, huma.Operation{
		OperationID: "webhook-native", Method: http.MethodPost, Path: "/api/webhooks/odoo/{token}", Tags: []string{"Webhooks"},
		Summary:       "Receive Odoo's native \"Send Webhook Notification\" posts",
		Description:   "Odoo 17+ posts {_action, _id, _model, id, <fields>} unsigned; the secret token in the URL identifies the connection. 202 means stored durably.",
		DefaultStatus: http.StatusAccepted, MaxBodyBytes: maxWebhookBody, SkipValidateBody: true,
		Errors: []int{http.StatusBadRequest, http.StatusNotFound, http.StatusRequestEntityTooLarge, http.StatusServiceUnavailable},
	}, nil, s.nativeWebhook)
}

func (s *Server) signedWebhook(ctx context.Context, in *signedWebhookIn) (*webhookOut, error) {
	if err := s.deps.Verifier.Verify(in.Signature, in.RawBody); err != nil {
		return nil, err
	}
	events, err := ingest.ParseSigned(in.RawBody, 0, s.deps.Clock())
	if err != nil {
		return nil, err
	}
	return s.store(ctx, events)
}

func (s *Server) nativeWebhook(ctx context.Context, in *nativeWebhookIn) (*webhookOut, error) {
	conn, err := s.deps.Store.ConnectionByToken(ctx, in.Token)
	if err != nil || in.Token == "" {
		return nil, core.Errorf(core.CodeNotFound, "unknown webhook token: copy the URL printed by `smartodoo odoo connect`")
	}
	ev, err := ingest.ParseNative(in.RawBody, conn.ID, s.deps.Clock())
	if err != nil {
		return nil, err
	}
	return s.store(ctx, []core.Event{ev})
}

func (s *Server) store(ctx context.Context, events []core.Event) (*webhookOut, error) {
	if err := s.deps.Writer.Write(ctx, events); err != nil {
		return nil, err
	}
	out := &webhookOut{}
	for _, e := range events {
		s.metrics.events.WithLabelValues(e.Source, strconv.FormatBool(e.Duplicates > 0)).Inc()
		out.Body.Events = append(out.Body.Events, acceptedEvent{ID: e.ID, Model: e.Model, RecordID: e.RecordID, Coalesced: e.Duplicates > 0})
	}
	return out, nil
}
