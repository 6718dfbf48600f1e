package bank

// XML shapes of ISO 20022 camt.052/053/054, versions 001.02 to 001.13. Go's encoding/xml
// matches these local names in any namespace, so one set of structs reads every version;
// where a version moved an element (Sts became Sts/Cd in 001.08, parties gained Pty in
// 001.08) both places are declared.

type camtDocument struct {
	XMLName struct{}        `xml:"Document"`
	Stmts   []camtStmt      `xml:"BkToCstmrStmt>Stmt"`
	Rpts    []camtStmt      `xml:"BkToCstmrAcctRpt>Rpt"`
	Ntfctns []camtStmt      `xml:"BkToCstmrDbtCdtNtfctn>Ntfctn"`
	GrpHdr  camtGroupHeader `xml:"BkToCstmrStmt>GrpHdr"`
}

type camtGroupHeader struct {
	MsgID string `xml:"MsgId"`
}

type camtStmt struct {
	ID      string      `xml:"Id"`
	Acct    camtAccount `xml:"Acct"`
	Bal     []camtBal   `xml:"Bal"`
	Entries []camtEntry `xml:"Ntry"`
}

type camtAccount struct {
	IBAN  string `xml:"Id>IBAN"`
	Other string `xml:"Id>Othr>Id"`
	Ccy   string `xml:"Ccy"`
	BIC   string `xml:"Svcr>FinInstnId>BIC"`
	BICFI string `xml:"Svcr>FinInstnId>BICFI"`
}

type camtAmount struct {
	Value string `xml:",chardata"`
	Ccy   string `xml:"Ccy,attr"`
}

type camtDate struct {
	Dt   string `xml:"Dt"`
	DtTm string `xml:"DtTm"`
}

type camtBal struct {
	Code      string     `xml:"Tp>CdOrPrtry>Cd"`
	Prtry     string     `xml:"Tp>CdOrPrtry>Prtry"`
	Amt       camtAmount `xml:"Amt"`
	CdtDbtInd string     `xml:"CdtDbtInd"`
	Dt        camtDate   `xml:"Dt"`
}

type camtStatus struct {
	Text string `xml:",chardata"`
	Cd   string `xml:"Cd"`
}

type camtEntry struct {
	NtryRef     string       `xml:"NtryRef"`
	Amt         camtAmount   `xml:"Amt"`
	CdtDbtInd   string       `xml:"CdtDbtInd"`
	RvslInd     string       `xml:"RvslInd"`
	Sts         camtStatus   `xml:"Sts"`
	BookgDt     camtDate     `xml:"BookgDt"`
	ValDt       camtDate     `xml:"ValDt"`
	AcctSvcrRef string       `xml:"AcctSvcrRef"`
	BkTxCd      camtTxCode   `xml:"BkTxCd"`
	TxDtls      []camtTxDtls `xml:"NtryDtls>TxDtls"`
	AddtlInf    string       `xml:"AddtlNtryInf"`
}

type camtTxCode struct {
	Domain    string `xml:"Domn>Cd"`
	Family    string `xml:"Domn>Fmly>Cd"`
	SubFamily string `xml:"Domn>Fmly>SubFmlyCd"`
	Prtry     string `xml:"Prtry>Cd"`
}

type camtTxDtls struct {
	EndToEndID  string      `xml:"Refs>EndToEndId"`
	AcctSvcrRef string      `xml:"Refs>AcctSvcrRef"`
	TxID        string      `xml:"Refs>TxId"`
	Amt         *camtAmount `xml:"Amt"`               // 001.03+
	TxAmt       *camtAmount `xml:"AmtDtls>TxAmt>Amt"` // 001.02
	CdtDbtInd   string      `xml:"CdtDbtInd"`
	Parties     camtParties `xml:"RltdPties"`
	Ustrd       []string    `xml:"RmtInf>Ustrd"`
	StrdRefs    []string    `xml:"RmtInf>Strd>CdtrRefInf>Ref"`
	AddtlInf    string      `xml:"AddtlTxInf"`
}

type camtParties struct {
	DbtrNm    string `xml:"Dbtr>Nm"`
	DbtrPtyNm string `xml:"Dbtr>Pty>Nm"`
	DbtrIBAN  string `xml:"DbtrAcct>Id>IBAN"`
	DbtrOther string `xml:"DbtrAcct>Id>Othr>Id"`
	CdtrNm    string `xml:"Cdtr>Nm"`
	CdtrPtyNm string `xml:"Cdtr>Pty>Nm"`
	CdtrIBAN  string `xml:"CdtrAcct>Id>IBAN"`
	CdtrOther string `xml:"CdtrAcct>Id>Othr>Id"`
}
