package company

// Name pools per country. They are small on purpose: realistic collisions (two different
// companies named after the same family) are part of what the dedup engineers must handle.

type countryData struct {
	code, name, phonePrefix string
	legalForms              []string // compact legal forms; variants in legalFormVariants
	cities                  []cityZip
	streets                 []string // street names including the street word
	given, family           []string
}

type cityZip struct{ city, zip string }

var countries = []countryData{
	{
		code: "BE", name: "Belgium", phonePrefix: "+32",
		legalForms: []string{"BV", "NV", "SRL", "SA"},
		cities:     []cityZip{{"Brussels", "1000"}, {"Antwerpen", "2000"}, {"Gent", "9000"}, {"Liège", "4000"}, {"Leuven", "3000"}, {"Namur", "5000"}},
		streets:    []string{"Rue de la Loi", "Avenue Louise", "Kerkstraat", "Stationsstraat", "Chaussée de Wavre", "Meir", "Boulevard Anspach"},
		given: []string{"Luc", "Marie", "Pieter", "Sofie", "Jean", "Els", "Koen", "Anne", "Thomas", "Lotte",
			"Wouter", "Nathalie", "Bart", "Inge", "Olivier", "Véronique", "Dirk", "Ann-Sophie", "Geert", "Hélène"},
		family: []string{"Janssens", "Peeters", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Dubois", "Lambert",
			"Wouters", "De Smet", "Vermeulen", "Pauwels", "Dumont", "Lemaire", "Hermans", "Desmet", "Leclercq", "Michiels"},
	},
	{
		code: "DE", name: "Germany", phonePrefix: "+49",
		legalForms: []string{"GmbH", "AG", "KG", "GmbH & Co. KG"},
		cities:     []cityZip{{"Köln", "50667"}, {"München", "80331"}, {"Düsseldorf", "40213"}, {"Hamburg", "20095"}, {"Aachen", "52062"}},
		streets:    []string{"Hauptstraße", "Bahnhofstraße", "Schillerstraße", "Königsallee", "Goethestraße", "Lindenstraße"},
		given: []string{"Jürgen", "Anna", "Stefan", "Katrin", "Michael", "Sabine", "Jörg", "Claudia",
			"Thomas", "Ute", "Björn", "Petra", "Andreas", "Günther", "Monika", "Uwe"},
		family: []string{"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker", "Schäfer", "Köhler",
			"Wagner", "Hoffmann", "Schulz", "Koch", "Richter", "Klein", "Wolf", "Neumann"},
	},
	{
		code: "FR", name: "France", phonePrefix: "+33",
		legalForms: []string{"SARL", "SAS", "SA", "EURL"},
		cities:     []cityZip{{"Lille", "59000"}, {"Paris", "75011"}, {"Lyon", "69002"}, {"Reims", "51100"}},
		streets:    []string{"Rue Nationale", "Avenue Foch", "Rue de Paris", "Boulevard Victor Hugo", "Place de la République"},
		given: []string{"François", "Hélène", "Nicolas", "Céline", "Stéphane", "Amélie", "Jérôme", "Chloé",
			"Sébastien", "Élodie", "Mathieu", "Aurélie", "Frédéric", "Géraldine"},
		family: []string{"Lefèvre", "Martin", "Bernard", "Durand", "Moreau", "Girard", "Rousseau", "Lefebvre",
			"Petit", "Leroy", "Fournier", "Mercier", "Bonnet", "Fontaine"},
	},
	{
		code: "NL", name: "Netherlands", phonePrefix: "+31",
		legalForms: []string{"BV", "NV", "VOF"},
		cities:     []cityZip{{"Rotterdam", "3011"}, {"Utrecht", "3511"}, {"Eindhoven", "5611"}, {"Maastricht", "6211"}},
		streets:    []string{"Kerkstraat", "Dorpsstraat", "Molenweg", "Stationsweg", "Julianalaan"},
		given: []string{"Jan", "Femke", "Daan", "Sanne", "Bram", "Eva", "Ruud", "Iris",
			"Joost", "Marieke", "Sander", "Anouk", "Wim", "Lieke"},
		family: []string{"de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer",
			"de Boer", "Mulder", "Bos", "Vos", "Peters", "Hendriks"},
	},
	{
		code: "AT", name: "Austria", phonePrefix: "+43",
		legalForms: []string{"GmbH", "AG", "OG"},
		cities:     []cityZip{{"Wien", "1010"}, {"Graz", "8010"}, {"Linz", "4020"}, {"Salzburg", "5020"}},
		streets:    []string{"Mariahilfer Straße", "Landstraße", "Herrengasse", "Kärntner Straße"},
		given: []string{"Lukas", "Julia", "Florian", "Lena", "Andreas", "Theresa", "Matthias", "Katharina",
			"Georg", "Magdalena"},
		family: []string{"Gruber", "Huber", "Bauer", "Wagner", "Pichler", "Steiner", "Moser", "Mayer",
			"Hofer", "Leitner"},
	},
}

// Words that make company names after a family name or on their own.
var (
	activities = []string{"Bouw", "Logistics", "Consulting", "Trading", "Technics", "Foods", "Print", "Engineering",
		"Interiors", "Transport", "Software", "Elektro", "Medical", "Textiles", "Packaging", "Solar"}
	brandWords = []string{"Nova", "Atlas", "Delta", "Orion", "Vertex", "Lumen", "Alpine", "Nordic", "Helix",
		"Quantum", "Sigma", "Apex", "Zenith", "Polar", "Cobalt", "Aurora"}
	vendorKinds = []string{"Supplies", "Components", "Metals", "Paper", "Chemicals", "Electronics", "Plastics", "Wood"}
)

// legalFormVariants maps a compact legal form to how people also write it.
var legalFormVariants = map[string]string{
	"BV": "B.V.", "NV": "N.V.", "SRL": "S.R.L.", "SA": "S.A.", "GmbH": "G.m.b.H.", "AG": "A.G.",
	"KG": "K.G.", "GmbH & Co. KG": "GmbH & Co KG", "SARL": "S.A.R.L.", "SAS": "S.A.S.", "EURL": "E.U.R.L.",
	"VOF": "V.O.F.", "OG": "O.G.",
}

// streetAbbrev maps a street word to its abbreviation, for duplicate variants.
var streetAbbrev = [][2]string{
	{"straße", "str."}, {"Straße", "Str."}, {"straat", "str."}, {"Avenue", "Av."}, {"Boulevard", "Bd"},
	{"Chaussée", "Chée"}, {"Rue", "R."}, {"gasse", "g."}, {"weg", "wg."}, {"laan", "ln."}, {"Place", "Pl."},
}

// accentFold maps accented letters to how they are typed on keyboards without them.
var accentFold = map[rune]string{
	'ä': "ae", 'ö': "oe", 'ü': "ue", 'Ä': "Ae", 'Ö': "Oe", 'Ü': "Ue", 'ß': "ss",
	'é': "e", 'è': "e", 'ê': "e", 'ë': "e", 'à': "a", 'ç': "c", 'ô': "o", 'î': "i", 'É': "E",
}
