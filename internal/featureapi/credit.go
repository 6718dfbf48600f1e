package featureapi

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/smartodoo/smartodoo/internal/api"
	"github.com/smartodoo/smartodoo/internal/automation/credit"
	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/store"
)

type scoresIn struct {
	CompanyID int64 `query:"company_id"`
	PartnerID int64 `query:"partner_id" doc:"one customer (its commercial partner); 0 = all"`
}

type scoresOut struct {
	Body struct {
		Scores []credit.Score `json:"scores"`
	}
}

type historyIn struct {
	PartnerID int64 `path:"partner_id" minimum:"1"`
}

type historyOut struct {
	Body struct {
		Points []store.Point `json:"points"`
	}
}

type overrideIn struct {
	PartnerID int64 `path:"partner_id" minimum:"1"`
	Body      struct {
		CompanyID int64     `json:"company_id,omitempty"`
		Reason    string    `json:"reason" minLength:"10" doc:"why the hold is lifted (kept in the audit trail)"`
		Until     time.Time `json:"until" doc:"when the override ends (at most 90 days)"`
	}
}

func (h handlers) mountCredit(s *api.Server) {
	api.Register(s, huma.Operation{
		OperationID: "credit-scores", Method: http.MethodGet, Path: "/api/credit/scores", Tags: []string{"Credit"},
		Summary: "Score customers now: 0-100, grade, explanation, exposure, suggested limit",
	}, api.Sales, h.scores)
	api.Register(s, huma.Operation{
		OperationID: "credit-holds", Method: http.MethodGet, Path: "/api/credit/holds", Tags: []string{"Credit"},
		Summary: "Customers on hold, or that the rules say should be",
	}, api.Sales, h.holds)
	api.Register(s, huma.Operation{
		OperationID: "credit-history", Method: http.MethodGet, Path: "/api/credit/scores/{partner_id}/history", Tags: []string{"Credit"},
		Summary: "A customer's score history",
	}, api.Sales, h.history)
	api.Register(s, huma.Operation{
		OperationID: "credit-override", Method: http.MethodPost, Path: "/api/credit/holds/{partner_id}/override", Tags: []string{"Credit"},
		Summary: "Lift a customer's hold until a date, with a reason (cfo, admin); audited",
	}, api.Finance, h.override)
}

// credit returns the credit automation, its rule and the company a request with companyID
// (0 = the Odoo user's) works on.
func (h handlers) credit(ctx context.Context, companyID int64) (*credit.Automation, core.Rule, int64, error) {
	a, err := lookup[*credit.Automation](h.Deps, credit.Name)
	if err != nil {
		return nil, core.Rule{}, 0, err
	}
	rule, err := h.Runner.Rule(ctx, credit.Name)
	if err != nil {
		return nil, core.Rule{}, 0, err
	}
	company, err := h.Runner.Company(ctx, companyID)
	return a, rule, company, err
}

func (h handlers) scores(ctx context.Context, in *scoresIn) (*scoresOut, error) {
	a, rule, company, err := h.credit(ctx, in.CompanyID)
	if err != nil {
		return nil, err
	}
	ss, err := a.Scores(ctx, company, in.PartnerID, rule.Params)
	if err != nil {
		return nil, err
	}
	out := &scoresOut{}
	out.Body.Scores = append([]credit.Score{}, ss...)
	return out, nil
}

func (h handlers) holds(ctx context.Context, in *scoresIn) (*scoresOut, error) {
	a, rule, company, err := h.credit(ctx, in.CompanyID)
	if err != nil {
		return nil, err
	}
	ss, err := a.Holds(ctx, company, rule.Params)
	if err != nil {
		return nil, err
	}
	out := &scoresOut{}
	out.Body.Scores = append([]credit.Score{}, ss...)
	return out, nil
}

func (h handlers) history(ctx context.Context, in *historyIn) (*historyOut, error) {
	// The credit automation appends one point per scored customer to series "credit_score".
	pts, err := h.Store.ListPoints(ctx, "credit_score", strconv.FormatInt(in.PartnerID, 10), time.Time{}, 500)
	if err != nil {
		return nil, err
	}
	out := &historyOut{}
	out.Body.Points = append([]store.Point{}, pts...)
	return out, nil
}

func (h handlers) override(ctx context.Context, in *overrideIn) (*proposalOut, error) {
	a, _, company, err := h.credit(ctx, in.Body.CompanyID)
	if err != nil {
		return nil, err
	}
	who, _ := api.PrincipalFrom(ctx)
	p, err := a.OverrideHold(ctx, company, in.PartnerID, who, in.Body.Reason, in.Body.Until)
	if err != nil {
		return nil, err
	}
	if p == nil {
		return nil, core.Errorf(core.CodeConflict, "partner %d is not on hold: nothing to override", in.PartnerID)
	}
	p.DedupKey += ":" + h.Runner.Clock().Format(time.RFC3339Nano) // each override is its own decision
	done, err := h.decide(ctx, credit.Name, *p)
	if err != nil {
		return nil, err
	}
	return &proposalOut{Body: done}, nil
}
