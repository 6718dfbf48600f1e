package featureapi

import (
	"context"
	"fmt"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/smartodoo/smartodoo/internal/api"
	"github.com/smartodoo/smartodoo/internal/automation/bankrec"
	"github.com/smartodoo/smartodoo/internal/core"
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

type chooseIn struct {
	ID   int64 `path:"id" doc:"a pending bank_reconcile proposal"`
	Body struct {
		Alternative int `json:"alternative" minimum:"1" doc:"which of the proposal's other candidates (1 = the matcher's second guess), as listed in its evidence"`
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
	api.Register(s, huma.Operation{
		OperationID: "bankrec-choose", Method: http.MethodPost, Path: "/api/bankrec/proposals/{id}/choose", Tags: []string{"Bank reconciliation"},
		Summary: "Reconcile the line with one of the matcher's other candidates instead: the proposal is rejected, the alternative applied in your name",
	}, api.Finance, h.choose)
}

func (h handlers) choose(ctx context.Context, in *chooseIn) (*proposalOut, error) {
	p, err := h.Store.GetProposal(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	if p.Automation != bankrec.Name || p.Status != core.ProposalPending {
		return nil, core.Errorf(core.CodeConflict, "proposal %d is a %s proposal in state %s: only a pending bank reconciliation offers alternatives", p.ID, p.Automation, p.Status)
	}
	np, err := bankrec.ChooseAlternative(p, in.Body.Alternative-1)
	if err != nil {
		return nil, err
	}
	who, _ := api.PrincipalFrom(ctx)
	np.Rationale = fmt.Sprintf("%s chose the matcher's candidate %d instead of proposal %d. %s", who.Actor(), in.Body.Alternative, p.ID, np.Rationale)
	if _, err := h.Approval.Reject(ctx, p.ID, who, fmt.Sprintf("replaced by candidate %d, chosen by %s", in.Body.Alternative, who.Actor())); err != nil {
		return nil, err
	}
	done, err := h.decide(ctx, bankrec.Name, np)
	if err != nil {
		return nil, err
	}
	return &proposalOut{Body: done}, nil
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
