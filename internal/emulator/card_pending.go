package emulator

import (
	"time"

	"github.com/tsymock/tsymock/internal/soa"
)

// findApply finds the pending confirmation a bindBankCard (what names the
// call that started it) or a verifyBankCardChangeBindPhone confirms: the
// one its tranceNum names, or without one the latest for its phone.
func findApply(pending map[string]*cardApply, what, bizUserID string, p params, now time.Time) (*cardApply, *soa.Error) {
	tranceNum, transDate := p.str("tranceNum"), p.str("transDate")
	if tranceNum == "" {
		return latestApply(pending, what, bizUserID, p.str("phone"), transDate, now)
	}
	ap, ok := pending[tranceNum]
	switch {
	case !ok:
		return nil, soa.Errorf("30016", "no pending %s with tranceNum %q for bizUserId %q", what, tranceNum, bizUserID)
	case now.Sub(ap.at) > codeValidity(ap.cardCheck):
		delete(pending, tranceNum)
		return nil, soa.Errorf("30016", "tranceNum %q expired (%s after %s)", tranceNum, codeValidity(ap.cardCheck), what)
	case transDate != "" && transDate != ap.transDate:
		return nil, soa.Errorf("30016", "transDate %q is not the one of tranceNum %q (%s)", transDate, tranceNum, ap.transDate)
	}
	return ap, nil
}

// latestApply is the member's most recent pending confirmation that has not
// expired and that can be confirmed with phone (started with that phone, or
// with none) and transDate (when given), or 30016.
func latestApply(pending map[string]*cardApply, what, bizUserID, phone, transDate string, now time.Time) (*cardApply, *soa.Error) {
	var best *cardApply
	for _, ap := range pending {
		switch {
		case now.Sub(ap.at) > codeValidity(ap.cardCheck):
		case ap.card.phone != "" && ap.card.phone != phone:
		case transDate != "" && transDate != ap.transDate:
		case best == nil || ap.seq > best.seq:
			best = ap
		}
	}
	if best == nil {
		on := ""
		if transDate != "" {
			on = " on transDate " + transDate
		}
		return nil, soa.Errorf("30016", "no tranceNum sent, and bizUserId %q has no pending %s for phone %s%s "+
			"(send the tranceNum it answered; a pending one expires after %s, %s with cardCheck 6; "+
			"cardCheck 1, 5 and 8 bind at once)", bizUserID, what, phone, on, applyValidity, agreementCodeValidity)
	}
	return best, nil
}
