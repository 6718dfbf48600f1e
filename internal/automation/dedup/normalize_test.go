package dedup

import (
	"slices"
	"testing"
)

func TestNormalizeName(t *testing.T) {
	tests := []struct {
		in, sorted, form string
	}{
		{"ACME GmbH", "acme", "gmbh"},
		{"Acme Gesellschaft mit beschränkter Haftung", "acme", "gmbh"},
		{"Müller & Söhne GmbH & Co. KG", "muller sohne", "gmbh&cokg"},
		{"Société Générale S.A.", "generale societe", "sa"},
		{"Smith, John", "john smith", ""},
		{"John Smith", "john smith", ""},
		{"I.B.M. Corp.", "ibm", "corp"},
		{"Ørsted A/S", "orsted", "as"},
		{"Straße Bau B.V.", "bau strasse", "bv"},
		{"O'Brien Ltd", "obrien", "ltd"},
		{"GmbH", "gmbh", ""}, // a name that is only a legal form keeps it as the name
		{"  ", "", ""},
	}
	for _, tt := range tests {
		got := normalizeName(tt.in)
		if got.Sorted != tt.sorted || got.LegalForm != tt.form {
			t.Errorf("normalizeName(%q) = %q/%q, want %q/%q", tt.in, got.Sorted, got.LegalForm, tt.sorted, tt.form)
		}
	}
}

func TestNormalizeEmail(t *testing.T) {
	tests := []struct {
		in, identity, domain string
	}{
		{"John.Smith+invoices@GMail.com", "johnsmith@gmail.com", "gmail.com"},
		{"j.o.h.n@googlemail.com", "john@gmail.com", "gmail.com"},
		{"john.smith+x@acme.de", "john.smith+x@acme.de", "acme.de"}, // plus-tags kept where the provider may not ignore them
		{"john+x@outlook.com", "john@outlook.com", "outlook.com"},
		{"info@acme.de", "", "acme.de"}, // a role address is not an identity
		{"Sales@Acme.de", "", "acme.de"},
		{"<anna@x.org>", "anna@x.org", "x.org"},
		{"a@x.org, b@y.org", "a@x.org", "x.org"},
		{"not an email", "", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		got := normalizeEmail(tt.in)
		if got.Identity() != tt.identity || got.Domain != tt.domain {
			t.Errorf("normalizeEmail(%q) = %q/%q, want %q/%q", tt.in, got.Identity(), got.Domain, tt.identity, tt.domain)
		}
	}
}

func TestNormalizePhone(t *testing.T) {
	tests := []struct {
		in, country, want string
	}{
		{"+49 (0)30 1234567", "", "+49301234567"},
		{"030 1234567", "DE", "+49301234567"},
		{"0049 30 1234567", "", "+49301234567"},
		{"(555) 010-0142", "US", "+15550100142"},
		{"01 23 45 67 89", "FR", "+33123456789"},
		{"030 1234567", "", ""}, // no country: cannot know the calling code
		{"12", "DE", ""},
		{"", "DE", ""},
	}
	for _, tt := range tests {
		if got := normalizePhone(tt.in, tt.country); got != tt.want {
			t.Errorf("normalizePhone(%q, %q) = %q, want %q", tt.in, tt.country, got, tt.want)
		}
	}
}

func TestNormalizeStreetAndIBAN(t *testing.T) {
	streets := []struct{ in, full, number string }{
		{"12 Main St.", "12 main street", "12"},
		{"Hauptstr. 5", "5 hauptstrasse", "5"},
		{"Hauptstraße 5", "5 hauptstrasse", "5"},
		{"5 Avenue des Champs-Élysées", "5 avenue des champs elysees", "5"},
		{"12a Baker St", "12a baker street", "12a"},
		{"", "", ""},
	}
	for _, tt := range streets {
		got := normalizeStreet(tt.in)
		if got.Full != tt.full || got.Number != tt.number {
			t.Errorf("normalizeStreet(%q) = %q/%q, want %q/%q", tt.in, got.Full, got.Number, tt.full, tt.number)
		}
	}
	ibans := []struct{ in, want string }{
		{"DE89 3704 0044 0532 0130 00", "DE89370400440532013000"},
		{"de89370400440532013000", "DE89370400440532013000"},
		{"DE89 3704 0044 0532 0130 01", ""}, // bad checksum
		{"", ""},
	}
	for _, tt := range ibans {
		if got := normalizeIBAN(tt.in); got != tt.want {
			t.Errorf("normalizeIBAN(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestChildContactDropsInheritedFields(t *testing.T) {
	child := prepare(&Partner{ID: 2, Name: "Ann Lee", ParentID: 1, VAT: "DE136695976", Street: "1 Main St", Zip: "10115"})
	if child.Kind != KindChild || child.VAT.Value != "" || child.Street.Full != "" || child.Zip != "" {
		t.Errorf("child contact kept inherited commercial fields: %+v", child)
	}
	company := prepare(&Partner{ID: 1, Name: "Acme", IsCompany: true, VAT: "DE136695976", Street: "1 Main St"})
	if company.Kind != KindCompany || company.VAT.Status != VATValid || company.Street.Number != "1" {
		t.Errorf("company lost its fields: %+v", company)
	}
}

func TestCompareLevels(t *testing.T) {
	base := Partner{ID: 1, Name: "John Smith", Email: "js.berlin@gmail.com", Phone: "+49 30 1234567",
		Street: "12 Main Street", Street2: "Back Yard", Ref: "6794161", City: "Berlin", Zip: "10115", CountryCode: "DE"}
	tests := []struct {
		name  string
		edit  func(p *Partner)
		field Field
		want  int8
	}{
		{"same name", func(p *Partner) {}, FieldName, 4},
		{"swapped name order", func(p *Partner) { p.Name = "Smith John" }, FieldName, 4},
		{"typo in name", func(p *Partner) { p.Name = "John Smiht" }, FieldName, 3},
		{"missing given name", func(p *Partner) { p.Name = "Smith" }, FieldName, 2},
		{"other person", func(p *Partner) { p.Name = "Maria Garcia" }, FieldName, 0},
		{"gmail dots", func(p *Partner) { p.Email = "jsberlin@gmail.com" }, FieldEmail, 3},
		{"same local other domain", func(p *Partner) { p.Email = "js.berlin@acme.de" }, FieldEmail, 2},
		{"given name only elsewhere", func(p *Partner) { p.Email = "john@acme.de" }, FieldEmail, 0},
		{"phone formatted differently", func(p *Partner) { p.Phone = "030 1234567" }, FieldPhone, 2},
		{"street abbreviated", func(p *Partner) { p.Street = "12 Main St." }, FieldAddress, 5},
		{"house number typo", func(p *Partner) { p.Street = "13 Main Street" }, FieldAddress, 4},
		{"zip typo", func(p *Partner) { p.Zip = "10116" }, FieldAddress, 5},
		{"ref digits transposed", func(p *Partner) { p.Ref = "6794116" }, FieldRef, 1},
		{"zip typo and other city", func(p *Partner) { p.Zip = "10116"; p.City = "Bonn" }, FieldAddress, 4},
		{"neighbour", func(p *Partner) { p.Street = "3 Oak Road" }, FieldAddress, 1},
		{"same street elsewhere", func(p *Partner) { p.Zip = "80331"; p.City = "Munich" }, FieldAddress, 2},
		{"no address", func(p *Partner) { p.Street, p.Zip, p.City = "", "", "" }, FieldAddress, levelNull},
		{"address lines swapped", func(p *Partner) { p.Street, p.Street2 = "12 Back Yard", "Main Street" }, FieldAddress, 5},
	}
	a := prepare(&base)
	for _, tt := range tests {
		other := base
		other.ID = 2
		tt.edit(&other)
		b := prepare(&other)
		v := compare(&a, &b)
		if v[tt.field] != tt.want {
			t.Errorf("%s: %s level %d, want %d", tt.name, tt.field, v[tt.field], tt.want)
		}
	}
}

func TestBlockingKeysCatchTypos(t *testing.T) {
	a := prepare(&Partner{ID: 1, Name: "Jonathan Smith", Street: "12 Main Street", Zip: "10115", City: "Berlin"})
	b := prepare(&Partner{ID: 2, Name: "Jonathon Smith", Street: "12 Main St", Zip: "10115", City: "Berlin"})
	ka, kb := blockingKeys(&a, familyAll, nil), blockingKeys(&b, familyAll, nil)
	shared := slices.DeleteFunc(slices.Clone(ka), func(k uint64) bool { return !slices.Contains(kb, k) })
	if len(shared) == 0 {
		t.Fatalf("no shared blocking key between %v and %v", ka, kb)
	}
}

// A key's hash is FNV-1a of its parts joined by "|", and a key with an empty field
// after its tag is not filed.
func TestKeySinkHashesJoinedParts(t *testing.T) {
	var s keySink
	s.add("as", "M530", "12", "B645")
	s.add("a", "10115", "")
	want := uint64(fnvOffset)
	for _, c := range []byte("as|M530|12|B645") {
		want = fnvAdd(want, c)
	}
	if len(s.keys) != 1 || s.keys[0] != want {
		t.Errorf("keys = %x, want [%x]", s.keys, want)
	}
	for in, first := range map[string]string{"  Main  Street": "Main", "": "", " \t ": "", "Berlin": "Berlin"} {
		if got := firstWord(in); got != first {
			t.Errorf("firstWord(%q) = %q, want %q", in, got, first)
		}
	}
}

func TestVectorKeyRoundTrip(t *testing.T) {
	var v Vector
	for f := range numFields {
		v[f] = int8(int(f)%5) - 1
	}
	if got := vectorFromKey(v.key()); got != v {
		t.Errorf("vector round trip: got %v, want %v", got, v)
	}
}

// A mailbox that only spells the name repeats the name's evidence: two namesakes at
// gmail.com must not look like one person twice over.
func TestEmailSpellingTheNameIsNotExtraEvidence(t *testing.T) {
	a := prepare(&Partner{ID: 1, Name: "Iris van den Berg", Email: "iris.vandenberg@proton.me"})
	b := prepare(&Partner{ID: 2, Name: "Iris van den Berg", Email: "iris.vandenberg@gmail.com"})
	if v := compare(&a, &b); v[FieldEmail] != levelNull {
		t.Errorf("email level %d, want null", v[FieldEmail])
	}
	c := prepare(&Partner{ID: 3, Name: "Eva Visser", ParentID: 9, Email: "eva@meijer.nl"})
	d := prepare(&Partner{ID: 4, Name: "Eva de Vries", ParentID: 9, Email: "eva@meijer.nl"})
	if v := compare(&c, &d); v[FieldEmail] != levelNull || v[FieldPhone] != levelNull {
		t.Errorf("siblings sharing a given-name mailbox: email level %d, want null", v[FieldEmail])
	}
}
