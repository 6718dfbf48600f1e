package dedup

import (
	"strings"

	"github.com/jacoelho/banking/iban"
	"github.com/nyaruka/phonenumbers"
)

// Email is a normalised address. Mailbox is empty for role addresses (info@, sales@...):
// many people and companies share them, so they say nothing about who a contact is.
type Email struct {
	Mailbox string // canonical local part of a personal address (the mailbox is Mailbox@Domain)
	Local   string // local part without dots or plus-tag: compared across domains
	Domain  string // domain, kept for role addresses too
	// Distinct: the local part names a person ("john.smith", "jsmith1970"), not just a
	// given name ("anne@"), so the same local part at another domain is evidence.
	Distinct bool
	// SpellsName: the local part is just the contact's name ("iris.vandenberg" for Iris van
	// den Berg). Agreement on it then repeats the name's evidence instead of adding to it.
	SpellsName bool
}

// Identity is the canonical address of a personal mailbox, "" for a role address.
func (e *Email) Identity() string {
	if e.Mailbox == "" {
		return ""
	}
	return e.Mailbox + "@" + e.Domain
}

// sameMailbox reports whether both are the same personal mailbox.
func (e *Email) sameMailbox(o *Email) bool {
	return e.Mailbox != "" && e.Mailbox == o.Mailbox && e.Domain == o.Domain
}

// spellsName reports whether a bare local part is the name's tokens run together, in order
// or reversed, or an initial plus the other token ("jsmith", "smithj").
func spellsName(local string, tokens []string) bool {
	if local == "" || len(tokens) == 0 {
		return false
	}
	joined := strings.Join(tokens, "")
	if local == joined || (len(tokens) == 1 && strings.HasPrefix(local, joined)) {
		return true
	}
	first, last := tokens[0], tokens[len(tokens)-1]
	for _, v := range []string{last + first, first[:1] + last, last + first[:1], first} {
		if local == v {
			return true
		}
	}
	return false
}

// dotInsensitive providers ignore dots in the local part; plusTagProviders deliver
// "name+tag@" to "name@". Both rewrite the local part to what the mailbox really is.
var (
	dotInsensitive   = map[string]bool{"gmail.com": true, "googlemail.com": true}
	plusTagProviders = map[string]bool{
		"gmail.com": true, "googlemail.com": true, "outlook.com": true, "hotmail.com": true,
		"live.com": true, "icloud.com": true, "me.com": true, "protonmail.com": true,
		"proton.me": true, "fastmail.com": true,
	}
	// freeProviders: a shared domain there is no evidence of the same organisation.
	freeProviders = map[string]bool{
		"gmail.com": true, "googlemail.com": true, "outlook.com": true, "hotmail.com": true,
		"live.com": true, "icloud.com": true, "me.com": true, "yahoo.com": true, "aol.com": true,
		"gmx.de": true, "gmx.net": true, "web.de": true, "t-online.de": true, "orange.fr": true,
		"free.fr": true, "wanadoo.fr": true, "laposte.net": true, "libero.it": true,
		"protonmail.com": true, "proton.me": true, "fastmail.com": true, "mail.com": true,
		"yandex.ru": true, "example.com": true,
	}
	roleLocals = map[string]bool{
		"info": true, "sales": true, "contact": true, "admin": true, "office": true, "support": true,
		"hello": true, "accounts": true, "accounting": true, "billing": true, "invoice": true,
		"invoices": true, "finance": true, "service": true, "team": true, "mail": true,
		"enquiries": true, "inquiries": true, "noreply": true, "no-reply": true, "hr": true,
		"jobs": true, "marketing": true, "orders": true, "purchasing": true, "reception": true,
		"webmaster": true, "postmaster": true, "kontakt": true, "buchhaltung": true,
		"rechnung": true, "vertrieb": true, "bureau": true, "compta": true, "facturation": true,
		"ventes": true, "contacto": true, "ventas": true, "ap": true, "ar": true, "procurement": true,
	}
)

func normalizeEmail(s string) Email {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, ",; "); i >= 0 { // Odoo allows "a@x, b@y": the first one
		s = s[:i]
	}
	s = strings.Trim(s, "<>")
	at := strings.LastIndexByte(s, '@')
	if at <= 0 || at == len(s)-1 {
		return Email{}
	}
	local, domain := s[:at], s[at+1:]
	orig, _, _ := strings.Cut(local, "+")
	if domain == "googlemail.com" {
		domain = "gmail.com"
	}
	if plusTagProviders[domain] {
		local, _, _ = strings.Cut(local, "+")
	}
	if dotInsensitive[domain] {
		local = strings.ReplaceAll(local, ".", "")
	}
	if local == "" || roleLocals[local] {
		return Email{Domain: domain}
	}
	bare, _, _ := strings.Cut(strings.ReplaceAll(local, ".", ""), "+")
	distinct := strings.ContainsAny(orig, "._-") || len(bare) >= 10 || strings.ContainsAny(bare, "0123456789")
	return Email{Mailbox: local, Local: bare, Domain: domain, Distinct: distinct}
}

// normalizePhone returns the number in E.164 ("+4930123456"), or "" when it cannot be read.
// Numbers already written with a "+" take a fast path (digits only, minus the national
// trunk "(0)") because the full parser costs microseconds per call; the others go through
// libphonenumber with the partner's country as the default region.
func normalizePhone(s, country string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if strings.HasPrefix(s, "+") || strings.HasPrefix(s, "00") {
		d := onlyDigits(strings.Replace(s, "(0)", "", 1))
		if strings.HasPrefix(s, "00") {
			d = d[2:]
		}
		if len(d) < 7 || len(d) > 15 {
			return ""
		}
		return "+" + d
	}
	if country == "" {
		return ""
	}
	num, err := phonenumbers.Parse(s, strings.ToUpper(country))
	if err != nil || !phonenumbers.IsPossibleNumber(num) {
		return ""
	}
	if e := phonenumbers.Format(num, phonenumbers.E164); len(e) >= 8 {
		return e
	}
	return ""
}

// normalizeIBAN returns the electronic form of a valid IBAN, or "" for anything else:
// a mistyped IBAN must not look like evidence.
func normalizeIBAN(s string) string {
	v := onlyAlnumUpper(s)
	if v == "" || iban.Validate(v) != nil {
		return ""
	}
	return v
}
