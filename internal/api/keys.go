package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/smartodoo/smartodoo/internal/apikey"
	"github.com/smartodoo/smartodoo/internal/core"
)

type keyView struct {
	ID         int64      `json:"id"`
	Name       string     `json:"name"`
	Role       core.Role  `json:"role"`
	Prefix     string     `json:"prefix"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at,omitempty"`
	RevokedAt  *time.Time `json:"revoked_at,omitempty"`
}

type keysOut struct {
	Body struct {
		Keys []keyView `json:"keys"`
	}
}

type createKeyIn struct {
	Body struct {
		Name string    `json:"name" minLength:"1" maxLength:"100"`
		Role core.Role `json:"role" enum:"admin,cfo,sales,warehouse,viewer"`
	}
}

type createKeyOut struct {
	Body struct {
		keyView
		Key string `json:"key" doc:"the API key; shown only now, store it safely"`
	}
}

type revokeOut struct{}

func (s *Server) routeKeys() {
	register(s, huma.Operation{
		OperationID: "list-keys", Method: http.MethodGet, Path: "/api/keys", Tags: []string{"API keys"},
		Summary: "API keys (never the keys themselves)",
	}, adminsOnly, s.listKeys)
	register(s, huma.Operation{
		OperationID: "create-key", Method: http.MethodPost, Path: "/api/keys", Tags: []string{"API keys"},
		Summary: "Create an API key; the key is in this answer only", DefaultStatus: http.StatusCreated,
	}, adminsOnly, s.createKey)
	register(s, huma.Operation{
		OperationID: "revoke-key", Method: http.MethodDelete, Path: "/api/keys/{id}", Tags: []string{"API keys"},
		Summary: "Revoke an API key at once", DefaultStatus: http.StatusNoContent, Errors: []int{http.StatusNotFound},
	}, adminsOnly, s.revokeKey)
}

func (s *Server) listKeys(ctx context.Context, _ *struct{}) (*keysOut, error) {
	ks, err := s.deps.Store.ListAPIKeys(ctx)
	if err != nil {
		return nil, err
	}
	out := &keysOut{}
	out.Body.Keys = []keyView{}
	for _, k := range ks {
		out.Body.Keys = append(out.Body.Keys, keyView{k.ID, k.Name, k.Role, k.Prefix, k.CreatedAt, k.LastUsedAt, k.RevokedAt})
	}
	return out, nil
}

func (s *Server) createKey(ctx context.Context, in *createKeyIn) (*createKeyOut, error) {
	plain, k, err := apikey.Create(ctx, s.deps.Store, in.Body.Name, in.Body.Role)
	if err != nil {
		return nil, err
	}
	out := &createKeyOut{}
	out.Body.keyView = keyView{k.ID, k.Name, k.Role, k.Prefix, k.CreatedAt, nil, nil}
	out.Body.Key = plain
	return out, nil
}

func (s *Server) revokeKey(ctx context.Context, in *idIn) (*revokeOut, error) {
	return &revokeOut{}, s.deps.Store.RevokeAPIKey(ctx, in.ID)
}
