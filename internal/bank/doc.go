// Package bank reads bank statement files and plans their import into Odoo.
//
// Formats (Parse detects them from the content; Detect says which):
//
//   - ISO 20022 CAMT: camt.053 statements, camt.052 account reports and camt.054
//     debit/credit notifications, namespaces camt.05x.001.02 to .13. Booked entries only
//     (pending ones are not on the books). A batch entry whose TxDtls carry their own
//     amounts becomes one line per transaction, checked to add up to the entry. The
//     counterparty is the debtor for money in and the creditor for money out. Errors name
//     the element path ("Document/BkToCstmrStmt/Stmt[1]/Ntry[3]/Amt").
//   - SWIFT MT940 statements and MT942 interim reports, in the dialects banks write: bank
//     headers before :20:, several messages per file, no trailing CRLF, decimal commas
//     ("9," and "000000001213,28"), C/D/RC/RD marks (a reversed credit is money out),
//     a funds-code letter, the optional MMDD booking date (placed in the right year across
//     New Year), "//" bank references, Rabobank's name after the reference, repeated :86:,
//     German/Dutch structured :86: (?20-?29 and ?60-?63 remittance, ?31 IBAN, ?32/?33 name,
//     SEPA EREF+/SVWZ+ keys), Triodos ">20" subfields and the Dutch "/TRTP/.../NAME/.../REMI/"
//     form. Files not in UTF-8 are read as Windows-1252. Errors name the file line. MT942
//     has no balances: its :90D:/:90C: entry counts and sums are checked instead.
//   - OFX 1.x (SGML, leaf tags not closed), OFX 2.x (XML) and Quicken QFX, bank and credit
//     card statements. OFX gives only the closing (ledger) balance. Errors name the line.
//   - CSV exports, read with a per-bank CSVMapping saved as JSON: delimiter (or guessed),
//     header or positions, preamble rows, date format, decimal and thousands separators,
//     one signed amount column or debit/credit columns, optional running balance (which
//     gives opening and closing). Errors name the line and column.
//
// Every statement that states both balances must satisfy opening + sum(lines) = closing;
// Parse fails otherwise with a message naming the statement and the difference.
//
// Fuzzing: every parser has a fuzz target seeded from the corpora, e.g.
// go test ./internal/bank -run '^$' -fuzz FuzzParseCAMT -fuzztime 30s -fuzzminimizetime 2s
// (without a short -fuzzminimizetime, minimizing a new 8 KB XML input under coverage
// instrumentation takes minutes and looks like a stall).
//
// Import: PlanImport gives each line a stable unique_import_id (account + the bank's own
// reference when it is unique in the statement, else a hash of date, amount, parties,
// remittance and rank among identical lines) and skips lines already in Odoo, lines seen
// twice in overlapping statements and zero lines, saying why. Odoo Community has no
// unique_import_id field without a statement-import module; Importer then keys lines by
// what Odoo stores (date, amount, label, rank). MatchJournal finds the journal whose bank
// account is the statement's (IBANs compared in electronic form and validated with
// github.com/jacoelho/banking; a bare account number matches the IBAN embedding it).
package bank
