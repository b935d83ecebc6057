package emulator

import (
	"fmt"
	"strings"
	"time"

	"github.com/tsymock/tsymock/internal/soa"
)

// CheckAccountPath is where the mock serves reconciliation files; the
// emulator answers getCheckAccountFile with a path under it:
// CheckAccountPath + sysid + "/" + CheckAccountName(...).
const CheckAccountPath = "/__tsymock/files/checkaccount/"

// fileTypeSummary is getCheckAccountFile's fileType of the summary file
// (spec §4.3.2: 1 the detail file, the default; 2 the summary).
const fileTypeSummary = 2

// queryMerchantBalance answers the platform's own balance in a set. The
// intermediate set A (100004) holds what collections hold until they are
// paid out or refunded (spec §4.2.5: 托管代收交易即将用户（买方）资金代收到中间
// 账户; §6.17: 用于正向交易资金的中间账户): tsymock keeps that money in its
// escrow account, and answers it here.
func queryMerchantBalance(a *app, p params) (map[string]any, *soa.Error) {
	set := p.str("accountSetNo")
	if serr := a.checkSet(set); serr != nil {
		return nil, serr
	}
	b := a.book.ledger.owned(OwnerPlatform, set)
	if set == SetIntermediateA {
		held := a.book.ledger.owned(OwnerEscrow, a.escrowSet())
		b.All, b.Frozen = b.All+held.All, b.Frozen+held.Frozen
	}
	return map[string]any{"allAmount": b.All, "freezeAmount": b.Frozen}, nil
}

// SetIntermediateA is the platform's intermediate set A of spec §6.17
// (中间账户集A), where the platform holds collected money.
const SetIntermediateA = "100004"

// queryReserveFundBalance answers the reserve fund with the platform's
// balance in the standard set; the keys are snake_case, as on the platform.
func queryReserveFundBalance(a *app, _ params) (map[string]any, *soa.Error) {
	b := a.book.ledger.owned(OwnerPlatform, a.standardSet())
	return map[string]any{"account_no": "TSYMOCK" + a.sysid, "account_name": "tsymock reserve fund (TEST)",
		"balance": b.All, "def_clr": 0}, nil
}

// getCheckAccountFile answers the URL of a day's reconciliation file, the
// detail or (fileType 2) the summary (a path; the mock makes it absolute
// and serves the file). A file the platform has not made yet is noted.
func getCheckAccountFile(a *app, p params) (map[string]any, *soa.Error) {
	date := p.str("date")
	day, err := checkAccountDay(date)
	if err != nil {
		return nil, soa.Errorf("40044", "date %q must be yyyyMMdd", date)
	}
	if serr := a.checkFileMade(date, day); serr != nil {
		return nil, serr
	}
	name := CheckAccountName(a.sysid, date, p.num("fileType") == fileTypeSummary)
	return map[string]any{"url": CheckAccountPath + a.sysid + "/" + name}, nil
}

// checkFileMade notes a file asked for before the platform makes it (spec
// §4.3.2: a day's files at 08:00 China time the next day). tsymock serves
// it all the same, with the transactions so far.
func (a *app) checkFileMade(date string, day time.Time) *soa.Error {
	made := time.Date(day.Year(), day.Month(), day.Day()+1, 8, 0, 0, 0, soa.Shanghai())
	if !a.now().Before(made) {
		return nil
	}
	return a.lenient(RuleCheckFileNotMade, "9000", "the reconciliation file of %s is made at %s China time (spec §4.3.2: "+
		"at 08:00 the next day, to be fetched after 08:30); tsymock serves it now, with what completed so far",
		date, soa.FormatTime(made))
}

// checkAccountDay is the start of a yyyyMMdd day, China time.
func checkAccountDay(date string) (time.Time, error) {
	return time.ParseInLocation("20060102", date, soa.Shanghai())
}

// CheckAccountName is the name of an application's reconciliation file of
// a day. The detail file's is spec §4.3.2's, <sysid>_<yyyyMMdd>_allinpay.txt;
// the spec names no summary file, which tsymock calls
// <sysid>_<yyyyMMdd>_allinpay_sum.txt (a choice).
func CheckAccountName(sysid, date string, summary bool) string {
	name := sysid + "_" + date + "_allinpay"
	if summary {
		name += "_sum"
	}
	return name + ".txt"
}

// ParseCheckAccountName reads a file name CheckAccountName made for sysid:
// its date and whether it is the summary file; ok is false for any other
// name (the date is checked by CheckAccountFile).
func ParseCheckAccountName(sysid, name string) (date string, summary, ok bool) {
	rest, ok := strings.CutPrefix(name, sysid+"_")
	if !ok {
		return "", false, false
	}
	if date, ok = strings.CutSuffix(rest, "_allinpay.txt"); ok {
		return date, false, true
	}
	if date, ok = strings.CutSuffix(rest, "_allinpay_sum.txt"); ok {
		return date, true, true
	}
	return "", false, false
}

// checkAccountFile is the text of a day's detail or summary file (spec
// §4.3.2): lines of fields each followed by "|", UTF-8, "\n" after each
// line. The detail file of a day without transactions is empty; the
// summary file always has its line.
func (a *app) checkAccountFile(date string, summary bool) (string, error) {
	day, err := checkAccountDay(date)
	if err != nil {
		return "", fmt.Errorf("emulator: date %q must be yyyyMMdd: %w", date, err)
	}
	lines := a.checkLines(day, day.AddDate(0, 0, 1))
	var b strings.Builder
	if summary {
		writeFileLine(&b, summaryFields(lines))
		return b.String(), nil
	}
	for _, l := range lines {
		writeFileLine(&b, l.fields())
	}
	return b.String(), nil
}

// writeFileLine writes fields, each followed by "|" as spec §4.3.2's
// formats end with one, then a newline. Each field goes through fileField
// first, so that every line keeps its columns.
func writeFileLine(b *strings.Builder, fields []string) {
	for _, f := range fields {
		b.WriteString(fileField(f))
		b.WriteByte('|')
	}
	b.WriteByte('\n')
}

// fileField is a field as the reconciliation file holds it: "|" becomes
// the full-width "｜" (U+FF5C) and a CR or LF a space. Spec §4.3.2
// separates fields by "|" and lines by "\n" and says nothing of a value
// holding them, which the merchant gives (extendInfo, which §4.2.2-§4.2.7
// forbid "|" in but tsymock takes with a param-format note; bizOrderNo; a
// wallet's acct): written as sent, it would shift the columns after it or
// cut the line for every merchant's parser. How the platform writes such a
// value is not known; this keeps the file parseable and the text legible
// (a choice).
func fileField(f string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '|':
			return '｜'
		case '\r', '\n':
			return ' '
		}
		return r
	}, f)
}

// CheckAccountFile returns an application's reconciliation file of a day:
// the detail file, or the summary file.
func (e *Emulator) CheckAccountFile(sysid, date string, summary bool) (string, error) {
	a := e.lock(sysid)
	defer a.mu.Unlock()
	return a.checkAccountFile(date, summary)
}
