package dedup

import (
	"fmt"
	"math"
)

// Model holds Fellegi-Sunter parameters: for every field and level, m = P(level | same
// entity) and u = P(level | different entities), and Lambda = P(same entity) among the
// candidate pairs. A level's weight is log2(m/u): positive when agreement at that level is
// more typical of matches than of random pairs.
type Model struct {
	Method string                `json:"method"` // "em" or "baseline"
	M      [numFields][]float64  `json:"-"`
	U      [numFields][]float64  `json:"-"`
	Lambda float64               `json:"lambda"`
	Iter   int                   `json:"em_iterations"`
	Fields map[string][]LevelFit `json:"fields"`
}

// LevelFit is one level's parameters, for reports and explanations.
type LevelFit struct {
	Level  string  `json:"level"`
	M      float64 `json:"m"`
	U      float64 `json:"u"`
	Weight float64 `json:"weight"`
}

// weight returns log2(m/u) for a field at a level, 0 for a missing field.
func (m *Model) weight(f Field, level int8) float64 {
	if level < 0 {
		return 0
	}
	return math.Log2(m.M[f][level] / m.U[f][level])
}

// score is the total match weight of a comparison vector, prior included.
func (m *Model) score(v *Vector) float64 {
	s := math.Log2(m.Lambda / (1 - m.Lambda))
	for f := range numFields {
		s += m.weight(f, v[f])
	}
	return s
}

// probability turns a comparison vector into P(same entity).
func (m *Model) probability(v *Vector) float64 {
	return 1 / (1 + math.Exp2(-m.score(v)))
}

// describe fills Fields for JSON output.
func (m *Model) describe() {
	m.Fields = make(map[string][]LevelFit, numFields)
	for f := range numFields {
		fits := make([]LevelFit, len(fieldSpecs[f].Levels))
		for l, name := range fieldSpecs[f].Levels {
			fits[l] = LevelFit{Level: name, M: m.M[f][l], U: m.U[f][l], Weight: m.weight(f, int8(l))}
		}
		m.Fields[f.String()] = fits
	}
}

// validate refuses parameters that would make probabilities meaningless.
func (m *Model) validate() error {
	if !(m.Lambda > 0 && m.Lambda < 1) {
		return fmt.Errorf("model prior lambda %v is outside (0,1)", m.Lambda)
	}
	for f := range numFields {
		for l := range m.M[f] {
			if !(m.M[f][l] > 0) || !(m.U[f][l] > 0) {
				return fmt.Errorf("model field %s level %d has m=%v u=%v; both must be > 0", f, l, m.M[f][l], m.U[f][l])
			}
		}
	}
	return nil
}

// baselineModel is the hand-weighted comparison point: weights a person would pick
// (strong identifiers heavy, address and name moderate), expressed as m/u so the same
// scoring code applies. It uses no data at all.
func baselineModel() Model {
	m := Model{Method: "baseline", Lambda: 0.01}
	hand := [numFields][]float64{ // log2(m/u) per level
		FieldName:      {-4, -1, 3, 6, 8},
		FieldLegalForm: {-1, 0.5},
		FieldKind:      {-1, 0},
		FieldEmail:     {-1, 2, 5, 9},
		FieldPhone:     {-1, 4, 8},
		FieldVAT:       {-6, 10},
		FieldIBAN:      {-0.5, 9},
		FieldRef:       {-3, 4, 8},
		FieldAddress:   {-2, 1, 1, 3, 5, 7},
		FieldStreet2:   {-0.5, 1, 2, 3},
		FieldState:     {-1, 0.5},
		FieldCountry:   {-2, 0.2},
		FieldComment:   {-1, 1, 3, 5},
	}
	for f := range numFields {
		n := len(fieldSpecs[f].Levels)
		m.M[f] = make([]float64, n)
		m.U[f] = make([]float64, n)
		for l := range n {
			m.U[f][l] = 1.0 / float64(n)
			m.M[f][l] = m.U[f][l] * math.Exp2(hand[f][l])
		}
	}
	m.describe()
	return m
}
