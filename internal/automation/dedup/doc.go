// Package dedup finds duplicate contacts (res.partner) and proposes merging them with
// Odoo's own merge wizard. It never writes to Odoo: it returns proposals that a person
// approves (auto-apply is off by default) and findings for what must be handled by hand.
//
// # The pipeline
//
// A scan (Scan) runs five steps over plain Go values (Partner), so the engine is tested on
// public corpora and benchmarked without Odoo. LoadPartners reads those values from Odoo;
// Automation wraps both as a core.Automation.
//
// 1. Normalisation (record.go and the files it calls). Every field is reduced to a form in
// which equal things look equal. Names are Unicode-folded (x/text: "Müller" → "muller",
// "Straße" → "strasse"), lower-cased, stripped of punctuation, and their legal form
// ("GmbH", "S.A.", "Ltd", "GmbH & Co. KG"…) is cut off and kept as a separate feature; the
// remaining tokens are also sorted so "Smith John" equals "John Smith". Emails are
// lower-cased; Gmail dots and provider plus-tags are removed; role addresses (info@,
// sales@…) keep only their domain, because many people share them. Phones become E.164
// with libphonenumber and the partner's country. VAT numbers get their country prefix and
// are checked with the national check digit (DE, FR, BE, NL, IT, ES, GB, AT). IBANs are
// validated (jacoelho/banking) and kept only when valid. Streets have abbreviations
// expanded ("St." → street, "Str." → strasse) and the house number pulled apart. A contact
// under a company (parent_id set) inherits the company's VAT and address in Odoo, so those
// fields are dropped for it: they say nothing about the contact's own identity.
//
// 2. Blocking (blocking.go). Comparing every pair is quadratic, so each record is filed
// under a dozen cheap keys: its exact sorted name, a phonetic (Soundex) version of it,
// Soundex of each name token with the postcode or town, the email mailbox and a distinctive
// local part, each phone, VAT, IBAN and ref, postcode + house number, street sound + house
// number + town sound. Two records become a candidate pair when they share any key, so a
// typo in one field still leaves other keys to meet on. A key shared by more than MaxBlock
// records (a common surname in a big city, a shared switchboard) is skipped as no
// evidence. Keys are hashed to 64 bits and sorted, not kept in maps, so a million partners
// fit in memory. Stats.Blocking reports the candidate pairs per record.
//
// 3. Comparison and scoring (compare.go, model.go, em.go). Each candidate pair gets one
// comparison level per field: for the name exact / Jaro-Winkler ≥ 0.94 / similar or one
// name contained in the other / a token shared / different; for the address (street,
// postcode and town judged together, because they are correlated) same / typos / similar
// street in the same town / same street elsewhere / same town only / different; exact
// levels for strong identifiers (VAT, IBAN, mailbox, phone); Levenshtein levels for codes
// and free text. A field missing on either side is "null" and weighs nothing.
//
// The levels are combined with the Fellegi-Sunter model, as Splink does. For every field
// and level, m = P(level | same entity) and u = P(level | different entities); the level
// weighs log2(m/u), and the pair's match weight is the sum plus the prior log2(λ/(1-λ)),
// which becomes a probability. u is measured on random pairs (nearly all of them are
// non-matches). m is learnt by expectation-maximisation without any labels: EM alternates
// "how likely is each pair a match, given m" and "what m makes these pairs likely". As
// candidate pairs are not a random sample (a non-match blocked on its name agrees on the
// name far more often than u says), EM runs in sessions, one per anchor field, over the
// pairs agreeing exactly on that field and with that field left out; each field's m is the
// average over the sessions that trained it. λ is the share of matches among all pairs,
// estimated from each session's matches divided by the anchor's recall. EM works on
// distinct comparison patterns, not pairs, so it costs milliseconds. Two different VAT
// numbers that both pass their checksum veto a pair whatever the score. A hand-weighted
// model (Method "baseline") is kept as a comparison point.
//
// 4. Clustering (cluster.go, master.go). Pairs at or above Threshold are joined with
// union-find. Because one wrong link would chain two entities together, every group of
// three or more is checked as a whole: when some members do not match each other (or a
// pair in it is vetoed or was dismissed by a person), it is re-clustered by average
// linkage so that only members that match each other on average stay together. Each
// cluster gets a master (a user's or company's own partner first, then most invoices and
// orders, a valid VAT, the most complete, the oldest) and, for every other member, an explanation: each field's level and
// weight.
//
// 5. Proposals (proposal.go). A cluster becomes a "partner_merge" proposal whose calls
// create base.partner.merge.automatic.wizard with partner_ids [(6, 0, ids)] and
// dst_partner_id, then call action_merge on the id the create returned, written as the
// literal "$prev" (the approval engine substitutes it). Odoo merges at most three contacts
// per wizard run, so larger clusters take several create/action_merge pairs. Expectations
// pin each member's name, email, VAT and active flag. Partners booked in different
// companies, or two partners of users or companies, are not proposed: a finding asks a
// person to sort it out. A pair dismissed by a
// person (Dismiss) is never linked again.
//
// Probable checks one new or edited contact against the index of the last scan, for event
// hooks ("this new contact probably duplicates #123").
//
// # Measured
//
// Febrl (public corpus, labels used only to score): pairwise F1 1.000 on dataset1 and
// 0.999 on dataset2 (precision 1.000, recall 0.998), against 0.776 for the recordlinkage
// rule-based recipe; the hand-weighted baseline reaches 0.992 on dataset1. On the
// generator's demo company, read from the Odoo simulator: precision and recall 1.000 on
// the planted clusters with EM (the hand weights miss 3 of 86 pairs). Blocking keeps
// candidate pairs near 0.3 per partner at 100k and 1.7 at 1M synthetic partners. See
// the tests and BenchmarkScan.
package dedup
