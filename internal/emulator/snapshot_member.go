package emulator

import (
	"cmp"
	"maps"
	"slices"
)

// state is the member as the snapshot format writes it; maps become lists
// sorted by their keys, so that a state always encodes the same way.
func (m *member) state() MemberState {
	s := MemberState{BizUserID: m.bizUserID, UserID: m.userID, MemberType: m.memberType, Source: m.source,
		Created: nanosOf(m.created), Locked: m.locked, Phone: m.phone, RealName: m.realName, Name: m.name,
		IdentityType: m.identityType, IdentityNo: m.identityNo, RealNameAt: nanosOf(m.realNameAt),
		ContractNo: m.pages.contractNo, ContractAt: nanosOf(m.pages.contractAt), PayPwd: m.pages.payPwd,
		PwdFails: m.pages.pwdFails, PwdFailsUntil: nanosOf(m.pages.pwdFailsUntil), LastSub: m.lastSub, PayAccounts: maps.Clone(m.payAccts)}
	if m.company != nil || len(m.sms)+len(m.cards)+len(m.applies)+len(m.changes)+len(m.subAccts)+len(m.vsp) > 0 {
		m.more(&s) // most members have none of these
	}
	return s
}

// more adds what a member has done beyond being created.
func (m *member) more(s *MemberState) {
	for _, k := range slices.SortedFunc(maps.Keys(m.sms), compareSMS) {
		s.SMS = append(s.SMS, SMSState{Kind: k.kind, Phone: k.phone})
	}
	if c := m.company; c != nil {
		s.Company = &CompanyState{Info: maps.Clone(c.info), IdentityType: c.identityType, AuthType: c.authType,
			Status: c.status, CheckTime: nanosOf(c.checkTime), FailReason: c.failReason, Remark: c.remark, BackURL: c.backURL}
	}
	for _, no := range slices.Sorted(maps.Keys(m.cards)) {
		s.Cards = append(s.Cards, m.cards[no].state())
	}
	s.Applies, s.Changes = applyStates(m.applies), applyStates(m.changes)
	for _, set := range slices.Sorted(maps.Keys(m.subAccts)) {
		s.SubAccounts = append(s.SubAccounts, SubAccountState{AccountSet: set, No: m.subAccts[set].no, Org: m.subAccts[set].org})
	}
	for _, t := range m.vsp {
		s.Terminals = append(s.Terminals, TerminalState{MerchantID: t.merchantID, CusID: t.cusID, AppID: t.appID,
			TermID: t.termID, At: nanosOf(t.at)})
	}
}

func compareSMS(x, y smsKey) int {
	return cmp.Or(cmp.Compare(x.kind, y.kind), cmp.Compare(x.phone, y.phone))
}

func (c *bankCard) state() CardState {
	return CardState{CardNo: c.cardNo, Phone: c.phone, BankName: c.bankName, BankCode: c.bankCode,
		CardType: c.cardType, BindTime: nanosOf(c.bindTime), SafeCard: c.isSafeCard, BindMethod: c.bindMethod, UnionBank: c.unionBank}
}

func applyStates(pending map[string]*cardApply) []ApplyState {
	var out []ApplyState
	for _, no := range slices.Sorted(maps.Keys(pending)) {
		ap := pending[no]
		out = append(out, ApplyState{TranceNum: no, TransDate: ap.transDate, At: nanosOf(ap.at), Seq: ap.seq,
			CardCheck: ap.cardCheck, Card: ap.card.state()})
	}
	return out
}

// member is the member a MemberState holds; its maps are made only when
// they hold something, as put makes them.
func (s *MemberState) member() *member {
	m := &member{bizUserID: s.BizUserID, userID: s.UserID, memberType: s.MemberType, source: s.Source,
		created: s.Created.time(), locked: s.Locked, phone: s.Phone, realName: s.RealName, name: s.Name,
		identityType: s.IdentityType, identityNo: s.IdentityNo, realNameAt: s.RealNameAt.time(), lastSub: s.LastSub,
		pages: memberPages{contractNo: s.ContractNo, contractAt: s.ContractAt.time(), payPwd: s.PayPwd, pwdFails: s.PwdFails,
			pwdFailsUntil: chinaTime(s.PwdFailsUntil.time())},
		payAccts: maps.Clone(s.PayAccounts)}
	for _, k := range s.SMS {
		put(&m.sms, smsKey{kind: k.Kind, phone: k.Phone}, true)
	}
	if c := s.Company; c != nil {
		m.company = &company{info: maps.Clone(c.Info), identityType: c.IdentityType, authType: c.AuthType,
			status: c.Status, checkTime: c.CheckTime.time(), failReason: c.FailReason, remark: c.Remark, backURL: c.BackURL}
	}
	for _, c := range s.Cards {
		card := c.card()
		put(&m.cards, c.CardNo, &card)
	}
	for _, ap := range s.Applies {
		put(&m.applies, ap.TranceNum, ap.apply())
	}
	for _, ap := range s.Changes {
		put(&m.changes, ap.TranceNum, ap.apply())
	}
	for _, sub := range s.SubAccounts {
		put(&m.subAccts, sub.AccountSet, subAcct{no: sub.No, org: sub.Org})
	}
	for _, t := range s.Terminals {
		m.vsp = append(m.vsp, vspTerminal{merchantID: t.MerchantID, cusID: t.CusID, appID: t.AppID, termID: t.TermID, at: t.At.time()})
	}
	return m
}

func (c *CardState) card() bankCard {
	return bankCard{cardNo: c.CardNo, phone: c.Phone, bankName: c.BankName, bankCode: c.BankCode,
		cardType: c.CardType, bindTime: c.BindTime.time(), isSafeCard: c.SafeCard, bindMethod: c.BindMethod, unionBank: c.UnionBank}
}

func (s *ApplyState) apply() *cardApply {
	return &cardApply{tranceNum: s.TranceNum, transDate: s.TransDate, at: s.At.time(), seq: s.Seq, cardCheck: s.CardCheck,
		card: s.Card.card()}
}
