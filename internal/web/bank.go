package web

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/store"
)

// bankEvidence is the part of a bankrec reconcile proposal's evidence the review shows:
// the statement line and the suggestion with its documents and runner-up.
type bankEvidence struct {
	Line struct {
		ID            int64     `json:"id"`
		Date          time.Time `json:"date"`
		Amount        int64     `json:"amount"`
		Label         string    `json:"label"`
		PartnerName   string    `json:"partner_name"`
		AccountNumber string    `json:"account_number"`
	} `json:"line"`
	Suggestion struct {
		Kind       string        `json:"kind"`
		Fee        int64         `json:"fee"`
		RuleID     string        `json:"rule_id"`
		Confidence float64       `json:"confidence"`
		Reasons    []string      `json:"reasons"`
		Items      []evidenceDoc `json:"items"`
		Runner     *struct {
			Kind    string  `json:"kind"`
			MoveIDs []int64 `json:"move_ids"`
			Score   float64 `json:"score"`
		} `json:"runner_up"`
		Alternatives []struct {
			Kind       string        `json:"kind"`
			Fee        int64         `json:"fee"`
			RuleID     string        `json:"rule_id"`
			Confidence float64       `json:"confidence"`
			Items      []evidenceDoc `json:"items"`
		} `json:"alternatives"`
	} `json:"suggestion"`
}

type evidenceDoc struct {
	MoveID   int64     `json:"move_id"`
	MoveName string    `json:"move_name"`
	MoveType string    `json:"move_type"`
	Ref      string    `json:"ref"`
	Date     time.Time `json:"date"`
	DueDate  time.Time `json:"due_date"`
	Residual int64     `json:"residual"`
}

// bankReview is a statement line beside the documents proposed for it.
type bankReview struct {
	LineDate, LineAmount, Label, Payer, Account string
	Kind, Fee, Runner, RunnerReason             string
	Reasons                                     []string
	Items                                       []bankItem
	Total                                       string
	// Alternatives are the matcher's next candidates, which a reviewer may choose instead.
	Alternatives []bankAlt
}

// bankAlt is one other candidate: Number is its 1-based rank among the alternatives.
type bankAlt struct {
	Number                 int
	Kind, Docs, Total, Fee string
	Confidence             float64
}

type bankItem struct {
	Name, Type, Ref, Date, Due, Residual string
	MoveID                               int64
}

var moveTypeLabel = map[string]string{"out_invoice": "Invoice", "out_refund": "Credit note", "in_invoice": "Bill",
	"in_refund": "Refund", "entry": "Entry"}

// bankReviewOf reads a bankrec proposal's evidence; nil when it is not a line reconciliation
// (a rule proposal, say), which then shows in the generic layout.
func bankReviewOf(p core.Proposal, f formatter) *bankReview {
	var ev bankEvidence
	if json.Unmarshal(p.Evidence, &ev) != nil || ev.Line.ID == 0 {
		return nil
	}
	b := &bankReview{LineDate: f.Day(ev.Line.Date), LineAmount: f.Money(ev.Line.Amount), Label: ev.Line.Label,
		Payer: ev.Line.PartnerName, Account: ev.Line.AccountNumber, Kind: ev.Suggestion.Kind, Reasons: ev.Suggestion.Reasons}
	if ev.Suggestion.Fee != 0 {
		b.Fee = f.Money(ev.Suggestion.Fee)
	}
	var total int64
	for _, it := range ev.Suggestion.Items {
		total += it.Residual
		b.Items = append(b.Items, bankItem{Name: it.MoveName, Type: cmpOr(moveTypeLabel[it.MoveType], it.MoveType), Ref: it.Ref,
			Date: f.Day(it.Date), Due: f.Day(it.DueDate), Residual: f.Money(it.Residual), MoveID: it.MoveID})
	}
	b.Total = f.Money(total)
	for i, a := range ev.Suggestion.Alternatives {
		alt := bankAlt{Number: i + 1, Kind: a.Kind, Confidence: a.Confidence, Docs: "a learned rule " + a.RuleID}
		var names []string
		var sum int64
		for _, it := range a.Items {
			names, sum = append(names, it.MoveName), sum+it.Residual
		}
		if len(names) > 0 {
			alt.Docs, alt.Total = strings.Join(names, " + "), f.Money(sum)
		}
		if a.Fee != 0 {
			alt.Fee = f.Money(a.Fee)
		}
		b.Alternatives = append(b.Alternatives, alt)
	}
	if r := ev.Suggestion.Runner; r != nil && len(b.Alternatives) == 0 {
		ids := make([]string, len(r.MoveIDs))
		for i, id := range r.MoveIDs {
			ids[i] = fmt.Sprintf("#%d", id)
		}
		b.Runner = fmt.Sprintf("%s match on %s (score %.2f)", r.Kind, cmpOr(strings.Join(ids, ", "), "no document"), r.Score)
		b.RunnerReason = "Wrong match: the runner-up (" + strings.Join(ids, ", ") + ") is the right one"
	}
	return b
}

type bankView struct {
	Reviews  []bankCard
	Other    []proposalRow
	Findings []core.Finding
	Done     []proposalRow
}

type bankCard struct {
	Row    proposalRow
	Review *bankReview
	Choose *bankChooseView // nil when the reviewer cannot decide or there is no other candidate
}

// bankChooseView is the "reconcile with this instead" form of a pending proposal.
type bankChooseView struct {
	ID   int64
	CSRF string
	Alts []bankAlt
}

func chooseView(row proposalRow, rv *bankReview) *bankChooseView {
	if rv == nil || !row.CanDecide || len(rv.Alternatives) == 0 || row.P.Status != core.ProposalPending {
		return nil
	}
	return &bankChooseView{ID: row.P.ID, CSRF: row.CSRF, Alts: rv.Alternatives}
}

func (s *Server) bank(r *request) (string, any, error) {
	ps, err := s.visibleProposals(r, store.ProposalFilter{Automation: "bankrec", Status: core.ProposalPending, Limit: approvalsPage})
	if err != nil {
		return "", nil, err
	}
	v := bankView{}
	for _, row := range s.proposalRows(r, ps) {
		if rv := bankReviewOf(row.P, r.F); rv != nil {
			v.Reviews = append(v.Reviews, bankCard{Row: row, Review: rv, Choose: chooseView(row, rv)})
		} else {
			v.Other = append(v.Other, row)
		}
	}
	done, err := s.visibleProposals(r, store.ProposalFilter{Automation: "bankrec",
		Statuses: []core.ProposalStatus{core.ProposalApplied, core.ProposalRejected, core.ProposalConflict, core.ProposalFailed}, Limit: 20})
	if err != nil {
		return "", nil, err
	}
	v.Done = s.proposalRows(r, done)
	v.Findings, err = s.d.Store.ListFindings(r.Context(), store.FindingFilter{Automation: "bankrec", Limit: 30})
	return "bank", v, err
}
