package featureapi

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/smartodoo/smartodoo/internal/api"
	"github.com/smartodoo/smartodoo/internal/automation/bankrec"
)

type suggestionsIn struct {
	JournalID int64 `query:"journal_id" doc:"bank journal; 0 = every bank journal"`
	CompanyID int64 `query:"company_id"`
}

type suggestionsOut struct{ Body bankrec.Report }

type confirmIn struct{ Body bankrec.Example }

type rejectSuggestionIn struct {
	Body struct {
		DedupKey string `json:"dedup_key" minLength:"1" doc:"the suggestion's proposal dedup key"`
	}
}

type okOut struct {
	Body struct {
		OK bool `json:"ok"`
	}
}

func ok() *okOut { o := &okOut{}; o.Body.OK = true; return o }

func (h handlers) mountBankrec(s *api.Server) {
	api.Register(s, huma.Operation{
		OperationID: "bankrec-suggestions", Method: http.MethodGet, Path: "/api/bankrec/suggestions", Tags: []string{"Bank reconciliation"},
		Summary: "Match every unreconciled statement line now and return the suggestions (nothing is written)",
	}, api.Finance, h.suggestions)
	api.Register(s, huma.Operation{
		OperationID: "bankrec-confirm", Method: http.MethodPost, Path: "/api/bankrec/confirm", Tags: []string{"Bank reconciliation"},
		Summary: "Teach: a line without a document belongs on this account (enough similar confirmations make a rule proposal)",
	}, api.Finance, h.confirm)
	api.Register(s, huma.Operation{
		OperationID: "bankrec-reject", Method: http.MethodPost, Path: "/api/bankrec/reject", Tags: []string{"Bank reconciliation"},
		Summary: "Teach: this suggestion is wrong; it is not suggested again",
	}, api.Finance, h.rejectSuggestion)
}

func (h handlers) bankrec(ctx context.Context) (*bankrec.Automation, bankrec.Params, error) {
	a, err := lookup[*bankrec.Automation](h.Deps, bankrec.Name)
	if err != nil {
		return nil, bankrec.Params{}, err
	}
	rule, err := h.Runner.Rule(ctx, bankrec.Name)
	if err != nil {
		return nil, bankrec.Params{}, err
	}
	p, err := bankrec.ParseParams(rule.Params)
	return a, p, err
}

func (h handlers) suggestions(ctx context.Context, in *suggestionsIn) (*suggestionsOut, error) {
	a, p, err := h.bankrec(ctx)
	if err != nil {
		return nil, err
	}
	if in.JournalID != 0 {
		p.JournalID = in.JournalID
	}
	company, err := h.Runner.Company(ctx, in.CompanyID)
	if err != nil {
		return nil, err
	}
	rep, err := a.Suggest(ctx, bankrec.SuggestOptions{Params: p, CompanyID: company})
	if err != nil {
		return nil, err
	}
	return &suggestionsOut{Body: rep}, nil
}

func (h handlers) confirm(ctx context.Context, in *confirmIn) (*okOut, error) {
	a, _, err := h.bankrec(ctx)
	if err != nil {
		return nil, err
	}
	return ok(), a.Confirm(ctx, in.Body)
}

func (h handlers) rejectSuggestion(ctx context.Context, in *rejectSuggestionIn) (*okOut, error) {
	a, _, err := h.bankrec(ctx)
	if err != nil {
		return nil, err
	}
	return ok(), a.Reject(ctx, in.Body.DedupKey)
}
