package dedup

import "testing"

func TestNormalizeVAT(t *testing.T) {
	tests := []struct {
		in, country string
		want        string
		status      VATStatus
	}{
		{"DE 136 695 976", "", "DE136695976", VATValid},
		{"136695976", "DE", "DE136695976", VATValid},
		{"DE136695977", "", "DE136695977", VATInvalid},
		{"FR 40 303 265 045", "", "FR40303265045", VATValid},
		{"FR41303265045", "", "FR41303265045", VATInvalid},
		{"BE 0477.472.701", "", "BE0477472701", VATValid},
		{"BE477472701", "", "BE0477472701", VATValid},
		{"BE0477472702", "", "BE0477472702", VATInvalid},
		{"NL004495445B01", "", "NL004495445B01", VATValid},
		{"NL004495446B01", "", "NL004495446B01", VATInvalid},
		{"IT 00743110157", "", "IT00743110157", VATValid},
		{"IT00743110158", "", "IT00743110158", VATInvalid},
		{"ESA28015865", "", "ESA28015865", VATValid},
		{"ES12345678Z", "", "ES12345678Z", VATValid},
		{"ES12345678A", "", "ES12345678A", VATInvalid},
		{"ESX1234567L", "", "ESX1234567L", VATValid},
		{"GB 980 7806 84", "", "GB980780684", VATValid},
		{"GB980780685", "", "GB980780685", VATInvalid},
		{"ATU13585627", "", "ATU13585627", VATValid},
		{"ATU13585628", "", "ATU13585628", VATInvalid},
		{"GR094014201", "", "EL094014201", VATUnchecked},
		{"US12345677", "", "US12345677", VATUnchecked},
		{"", "DE", "", VATNone},
		{"n/a", "DE", "", VATNone},
	}
	for _, tt := range tests {
		got := normalizeVAT(tt.in, tt.country)
		if got.Value != tt.want || got.Status != tt.status {
			t.Errorf("normalizeVAT(%q, %q) = %q %s, want %q %s", tt.in, tt.country, got.Value, got.Status.label(), tt.want, tt.status.label())
		}
	}
}
