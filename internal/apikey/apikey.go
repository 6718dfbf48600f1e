// Package apikey creates API keys: 32 random bytes shown once, stored only as SHA-256.
package apikey

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/store"
)

// Prefix marks Smart Odoo keys so secret scanners and people recognise them.
const Prefix = "so_"

// Create makes a key for name with role and returns the plaintext key (to show once) and
// the stored record.
func Create(ctx context.Context, st *store.Store, name string, role core.Role) (string, store.APIKey, error) {
	if !role.Valid() {
		return "", store.APIKey{}, core.Errorf(core.CodeInvalid, "role %q is not one of admin, cfo, sales, warehouse, viewer", role)
	}
	if name == "" {
		return "", store.APIKey{}, core.Errorf(core.CodeInvalid, "a key needs a name saying who or what uses it")
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", store.APIKey{}, fmt.Errorf("generate API key: %w", err)
	}
	plain := Prefix + base64.RawURLEncoding.EncodeToString(raw)
	sum := Hash(plain)
	k := store.APIKey{Name: name, Role: role, Prefix: plain[:len(Prefix)+8], Hash: sum}
	if err := st.CreateAPIKey(ctx, &k); err != nil {
		return "", store.APIKey{}, fmt.Errorf("store API key: %w", err)
	}
	return plain, k, nil
}

// Hash is how a presented key is looked up.
func Hash(plain string) []byte {
	sum := sha256.Sum256([]byte(plain))
	return sum[:]
}
