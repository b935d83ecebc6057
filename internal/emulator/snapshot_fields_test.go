package emulator

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// keptFields maps every field of the state that a snapshot writes to the
// field(s) of the snapshot format (snapshot_format.go) that hold it.
// TestSnapshotFieldsAreAccountedFor holds it to the code; the round trip
// of TestSnapshotRestoresTheWholeState proves the mapping, and fails when
// its history leaves a field here unset.
func keptFields() map[string]string {
	return map[string]string{
		"Emulator.apps":     "AppState.SysID",
		"Emulator.appSets":  "StateHeader.AccountSets",
		"Emulator.events":   "StateHeader.Events",
		"Emulator.shared":   "StateHeader.UUIDs, StateHeader.Numbers",
		"sharedDraws.uuids": "StateHeader.UUIDs", "sharedDraws.numbers": "StateHeader.Numbers",
		"app.ids": "AppState.IDs, StreamState.UUIDs, StreamState.Numbers, StreamState.Serial",

		"app.sysid": "AppState.SysID", "app.sets": "AppState.Sets", "app.funded": "AppState.Funded",
		"app.members": "MemberState.BizUserID", "app.platform": "AppState.Platform",
		"app.outbox": "EventState.Seq", "app.book": "AppState.Details", "app.backfills": "BackfillState.Trxid",

		"member.bizUserID": "MemberState.BizUserID", "member.userID": "MemberState.UserID",
		"member.memberType": "MemberState.MemberType", "member.source": "MemberState.Source",
		"member.created": "MemberState.Created", "member.locked": "MemberState.Locked",
		"member.phone": "MemberState.Phone", "member.sms": "MemberState.SMS",
		"member.realName": "MemberState.RealName", "member.name": "MemberState.Name",
		"member.identityType": "MemberState.IdentityType", "member.identityNo": "MemberState.IdentityNo",
		"member.realNameAt": "MemberState.RealNameAt", "member.company": "MemberState.Company",
		"member.pages": "MemberState.ContractNo", "member.cards": "MemberState.Cards",
		"member.applies": "MemberState.Applies", "member.changes": "MemberState.Changes",
		"member.subAccts": "MemberState.SubAccounts, SubAccountState.AccountSet", "member.lastSub": "MemberState.LastSub",
		"member.payAccts": "MemberState.PayAccounts", "member.vsp": "MemberState.Terminals",
		"smsKey.kind": "SMSState.Kind", "smsKey.phone": "SMSState.Phone",
		"company.info": "CompanyState.Info", "company.identityType": "CompanyState.IdentityType",
		"company.authType": "CompanyState.AuthType", "company.status": "CompanyState.Status",
		"company.checkTime": "CompanyState.CheckTime", "company.failReason": "CompanyState.FailReason",
		"company.remark": "CompanyState.Remark", "company.backURL": "CompanyState.BackURL",
		"memberPages.contractNo": "MemberState.ContractNo", "memberPages.contractAt": "MemberState.ContractAt",
		"memberPages.payPwd": "MemberState.PayPwd", "memberPages.pwdFails": "MemberState.PwdFails",
		"memberPages.pwdFailsUntil": "MemberState.PwdFailsUntil",
		"bankCard.cardNo":           "CardState.CardNo", "bankCard.phone": "CardState.Phone",
		"bankCard.bankName": "CardState.BankName", "bankCard.bankCode": "CardState.BankCode",
		"bankCard.cardType": "CardState.CardType", "bankCard.bindTime": "CardState.BindTime",
		"bankCard.isSafeCard": "CardState.SafeCard", "bankCard.bindMethod": "CardState.BindMethod",
		"bankCard.unionBank":  "CardState.UnionBank",
		"cardApply.tranceNum": "ApplyState.TranceNum", "cardApply.transDate": "ApplyState.TransDate",
		"cardApply.at": "ApplyState.At", "cardApply.seq": "ApplyState.Seq", "cardApply.cardCheck": "ApplyState.CardCheck",
		"cardApply.card": "ApplyState.Card",
		"subAcct.no":     "SubAccountState.No", "subAcct.org": "SubAccountState.Org",
		"vspTerminal.merchantID": "TerminalState.MerchantID", "vspTerminal.cusID": "TerminalState.CusID",
		"vspTerminal.appID": "TerminalState.AppID", "vspTerminal.termID": "TerminalState.TermID",
		"vspTerminal.at": "TerminalState.At",

		"outbox.items": "EventState.Seq", "queuedEvent.seq": "EventState.Seq", "queuedEvent.ev": "EventState.Service",
		"Event.Service": "EventState.Service", "Event.Method": "EventState.Method", "Event.BackURL": "EventState.BackURL",
		"Event.Status": "EventState.Status", "Event.ReturnValue": "EventState.ReturnValue",
		"Event.Extra": "EventState.Extra", "Event.ErrorCode": "EventState.ErrorCode", "Event.Message": "EventState.Message",
		"Event.At": "EventState.At", "Event.Order": "EventState.Order", "Event.Kind": "EventState.Kind",
		"Event.Form": "EventState.Form", "Event.Key": "EventState.Key",
		"backfill.form": "BackfillState.Form", "backfill.orderBackURL": "BackfillState.OrderBackURL",
		"backfill.answered": "BackfillState.Answered", "backfill.orderNo": "BackfillState.OrderNo",
		"backfill.acct": "BackfillState.Acct", "backfill.acctType": "BackfillState.AcctType",

		"orderBook.all": "OrderState.OrderNo", "orderBook.ledger": "EntryState.Leg",
		"orderBook.freezes": "FreezeState.BizFreezenNo", "orderBook.transfers": "TransferState.BizTransferNo",
		"transfer.transferNo": "TransferState.TransferNo", "transfer.extendInfo": "TransferState.ExtendInfo",
		"transfer.extendInfoEmpty": "TransferState.ExtendInfoEmpty",
		"orderBook.batches":        "BatchState.BizBatchNo", "orderBook.extras": "AppState.Details",
		"order.orderNo": "OrderState.OrderNo", "order.bizOrderNo": "OrderState.BizOrderNo", "order.kind": "OrderState.Kind",
		"order.payer": "OrderState.Payer", "order.receiver": "OrderState.Receiver", "order.accountSet": "OrderState.AccountSet",
		"order.amount": "OrderState.Amount", "order.fee": "OrderState.Fee", "order.status": "OrderState.Status",
		"order.errorCode": "OrderState.ErrorCode", "order.errorMessage": "OrderState.ErrorMessage",
		"order.created": "OrderState.Created", "order.paidAt": "OrderState.PaidAt", "order.expires": "OrderState.Expires",
		"order.backURL": "OrderState.BackURL", "order.extendInfo": "OrderState.ExtendInfo", "order.extendInfoEmpty": "OrderState.ExtendInfoEmpty",
		"order.frontURL": "OrderState.FrontURL", "order.payMethod": "OrderState.PayMethod", "order.phone": "OrderState.Phone",
		"order.resentAt": "OrderState.ResentAt", "order.codeSentAt": "OrderState.CodeSentAt", "order.validateType": "OrderState.ValidateType",
		"order.validateSent": "OrderState.ValidateSent", "order.pay": "OrderState.Pay", "order.sources": "OrderState.Sources",
		"order.legs": "OrderState.Legs", "order.refunded": "OrderState.Refunded", "order.feeRefunded": "OrderState.FeeRefunded",
		"order.shares": "OrderState.Shares", "order.paidOut": "OrderState.PaidOut", "order.payouts": "OrderState.Payouts", "order.ori": "OrderState.Ori",
		"order.acct": "OrderState.Acct", "order.whereabouts": "OrderState.Whereabouts", "order.batch": "OrderState.BizBatchNo",
		"order.oriTransfer":     "OrderState.OriTransfer",
		"payment.parts":         "OrderState.Pay",
		"payPart.PayMethodSpec": "PayPartState.Key", "payPart.body": "PayPartState.Body", "payPart.items": "PayPartState.Body",
		"source.flow": "SourceState.Account", "source.key": "SourceState.Key", "source.refunded": "SourceState.Refunded",
		"source.back": "SourceState.Back", "flow.acct": "SourceState.Account, FlowState.Account", "flow.amount": "SourceState.Amount, FlowState.Amount",
		"Account.Owner": "AccountState.Owner", "Account.Set": "AccountState.Set", "Account.Frozen": "AccountState.Frozen",
		"Leg.From": "LegState.From", "Leg.To": "LegState.To", "Leg.Amount": "LegState.Amount",
		"ledger.entries": "EntryState.Leg", "Entry.At": "EntryState.At", "Entry.Ref": "EntryState.Ref",
		"Entry.Leg":   "EntryState.Leg",
		"Ref.OrderNo": "RefState.OrderNo", "Ref.BizOrderNo": "RefState.BizOrderNo", "Ref.TradeNo": "RefState.TradeNo",
		"freeze.bizUserID": "FreezeState.BizUserID", "freeze.set": "FreezeState.Set", "freeze.frozen": "FreezeState.Frozen",

		"bookExtras.goods": "GoodsState.BizGoodsNo", "bookExtras.rules": "RulesState.OrderNo, RulesState.Rules",
		"bookExtras.receivers": "ReceiversState.OrderNo, ReceiversState.Shares",
		"bookExtras.payouts":   "PayoutsState.OrderNo, PayoutsState.Drawn",
		"goods.goodsNo":        "GoodsState.GoodsNo", "goods.bizGoodsNo": "GoodsState.BizGoodsNo", "goods.owner": "GoodsState.Owner",
		"goods.goodsType": "GoodsState.GoodsType", "goods.name": "GoodsState.Name", "goods.detail": "GoodsState.Detail",
		"goods.showURL": "GoodsState.ShowURL", "goods.extendInfo": "GoodsState.ExtendInfo", "goods.params": "GoodsState.Params",
		"rule.bizUserID": "RuleState.BizUserID", "rule.accountSet": "RuleState.AccountSet", "rule.remark": "RuleState.Remark",
		"rule.amount": "RuleState.Amount", "rule.fee": "RuleState.Fee", "rule.sub": "RuleState.Sub",
		"share.bizUserID": "ShareState.BizUserID", "share.amount": "ShareState.Amount",
		"drawn.payout": "DrawnState.Payout", "drawn.payee": "DrawnState.Payee", "drawn.amount": "DrawnState.Amount",
	}
}

// notKeptFields are the fields of the state a snapshot does not write,
// and why. "derived" ones are rebuilt by Restore from what is written, and
// the round trip compares them; "config" ones come from the Config of the
// emulator restored into; "transient" ones live only while a call runs.
func notKeptFields() map[string]string {
	return map[string]string{
		"Emulator.clock":    "config: Config.Clock",
		"Emulator.ids":      "config: Config.IDs; where it stands is kept as StateHeader.UUIDs and Numbers",
		"Emulator.code":     "config: Config.VerificationCode",
		"Emulator.sets":     "config: Config.AccountSets",
		"Emulator.funds":    "config: Config.PlatformFunds (an application funded already keeps AppState.Funded)",
		"Emulator.handlers": "config: the emulated methods of this version",
		"Emulator.rec":      "config: Config.Recorder",
		"Emulator.strict":   "config: Config.Strict",
		"Emulator.audit":    "config: Config.CompanyAudit; a replayed setCompanyInfo carries its own (Op.ManualAudit)",
		"Emulator.appAudit": "config: SetCompanyAudit (--app-company-audit, the apps a data dir keeps); a replayed " +
			"setCompanyInfo carries its own (Op.ManualAudit)",
		"Emulator.answerAs": "config: RulesCurrent; tests answer as an older version to make its logs",
		"Emulator.mu":       "transient: a lock",

		"app.mu":          "transient: a lock",
		"app.clock":       "config: the emulator's clock",
		"app.sharedIDs":   "config: the emulator's id source, put where the header says",
		"app.shared":      "config: points to Emulator.shared, kept in the header",
		"app.streams":     "transient: StreamsPerApp but while an older op replays (Op.Streams)",
		"Emulator.drawAs": "config: StreamsPerApp; tests draw as an older version to make its logs",
		"app.strict":      "config: Config.Strict of the emulator that holds it; a replayed op carries its own (Op.Strict)",
		"app.notes":       "transient: the Portability notes of the call running",
		"app.triggers":    "transient: the test triggers that decided the call running",
		"app.manualAudit": "transient: Op.ManualAudit of the call running",
		"app.tape":        "transient: the tape of the op running",
		"app.rules":       "transient: RulesCurrent but while an older op replays (Op.Rules)",
		"app.gone":        "transient: a reset application is no longer in Emulator.apps",
		"rule.to":         "transient: the account of a split item while its order is made; the order's legs keep it",
		"outbox.seq":      "config: points to Emulator.events, kept in the header",
		"Event.SysID": "derived: every event carries its application's sysid (notify); " +
			"Restore sets it from AppState.SysID",

		"orderBook.byBiz":   "derived: the orders by bizOrderNo, registered again in order (the last one wins, as in register)",
		"orderBook.byNo":    "derived: the orders by orderNo, registered again in order",
		"ledger.balances":   "derived: the entries posted again, in order",
		"ledger.index":      "derived: the entries posted again, in order",
		"Entry.Seq":         "derived: the entry's position",
		"Entry.From":        "derived: the balances after the entry, from the entries before",
		"Entry.To":          "derived: the balances after the entry, from the entries before",
		"Balances.All":      "derived: see Entry.From",
		"Balances.Frozen":   "derived: see Entry.From",
		"payPart.amount":    "derived: newPart reads it from the body again",
		"payPart.hasAmount": "derived: newPart reads it from the body again",
		"payPart.overflow":  "derived: newPart reads it from the body again (and a kept order never has it: checkAmount refuses one)",
	}
}

// formatOnlyFields are fields of the snapshot format that hold no field of
// the state: its frame.
func formatOnlyFields() []string {
	return []string{"StateHeader.Format", "StateHeader.Version", "EndState.Lines"}
}

func isDerived(why string) bool { return strings.HasPrefix(why, "derived") }

// TestSnapshotFieldsAreAccountedFor walks every struct type of this
// package reachable from Emulator (through apps, members, orders, the
// ledger, the outbox...) and fails for a field that is neither written by
// a snapshot (keptFields) nor declared derived, config or transient
// (notKeptFields), so that a field added to the state cannot be left out
// of snapshots unnoticed. It also checks the other way: every field of
// the snapshot format holds a field of the state.
func TestSnapshotFieldsAreAccountedFor(t *testing.T) {
	kept, notKept := keptFields(), notKeptFields()
	seen := map[string]bool{}
	for _, typ := range stateTypes() {
		for i := range typ.NumField() {
			name := typ.Name() + "." + typ.Field(i).Name
			seen[name] = true
			_, k := kept[name]
			_, n := notKept[name]
			switch {
			case !k && !n:
				t.Errorf("%s is a field of the emulator's state that snapshots do not account for.\n"+
					"If a restart must keep it: add a field for it to the snapshot format (snapshot_format.go), write it "+
					"in the state() and read it in the restore of its type (snapshot_member.go, snapshot_order.go, "+
					"snapshot_book.go, snapshot_restore.go), map it in keptFields, and make the history of "+
					"snapshot_history_test.go set it.\nIf it is computed from other state, comes from Config, or "+
					"lives only during a call: list it in notKeptFields with the reason (\"derived: ...\" is "+
					"compared after a restore, so Restore must rebuild it).", name)
			case k && n:
				t.Errorf("%s is both in keptFields and in notKeptFields", name)
			}
		}
	}
	for name := range kept {
		assert.True(t, seen[name], "keptFields names %s, which is no field of the state (renamed or removed?)", name)
	}
	for name := range notKept {
		assert.True(t, seen[name], "notKeptFields names %s, which is no field of the state (renamed or removed?)", name)
	}
	checkFormatFields(t, kept)
}

// checkFormatFields: each target of keptFields is a field of the format,
// and each field of the format is a target or part of the frame.
func checkFormatFields(t *testing.T, kept map[string]string) {
	t.Helper()
	format := map[string]bool{}
	for _, typ := range formatTypes() {
		for i := range typ.NumField() {
			format[typ.Name()+"."+typ.Field(i).Name] = true
		}
	}
	targeted := map[string]bool{}
	for from, to := range kept {
		for target := range strings.SplitSeq(to, ",") {
			target = strings.TrimSpace(target)
			targeted[target] = true
			assert.True(t, format[target], "keptFields maps %s to %s, which is no field of the snapshot format", from, target)
		}
	}
	for name := range format {
		if !targeted[name] && !slices.Contains(formatOnlyFields(), name) {
			t.Errorf("%s is a field of the snapshot format that holds no field of the state: map the state's field "+
				"to it in keptFields, or list it in formatOnlyFields if it is part of the frame", name)
		}
	}
}

// stateTypes are the struct types of this package reachable from
// Emulator, but through a field that is config or transient.
func stateTypes() []reflect.Type {
	return reachable(reflect.TypeFor[Emulator](), func(field string) bool {
		why, ok := notKeptFields()[field]
		return !ok || isDerived(why)
	})
}

// formatTypes are the struct types of the snapshot format.
func formatTypes() []reflect.Type {
	var out []reflect.Type
	for _, typ := range reachable(reflect.TypeFor[stateLine](), func(string) bool { return true }) {
		if typ != reflect.TypeFor[stateLine]() {
			out = append(out, typ)
		}
	}
	return out
}

// reachable lists the struct types of this package that root leads to
// through the fields follow accepts.
func reachable(root reflect.Type, follow func(field string) bool) []reflect.Type {
	pkg := root.PkgPath()
	var out []reflect.Type
	seen := map[reflect.Type]bool{}
	var visit func(reflect.Type)
	visit = func(typ reflect.Type) {
		switch typ.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array:
			visit(typ.Elem())
			return
		case reflect.Map:
			visit(typ.Key())
			visit(typ.Elem())
			return
		case reflect.Struct:
		default:
			return
		}
		if typ.PkgPath() != pkg || seen[typ] {
			return
		}
		seen[typ] = true
		out = append(out, typ)
		for i := range typ.NumField() {
			if follow(typ.Name() + "." + typ.Field(i).Name) {
				visit(typ.Field(i).Type)
			}
		}
	}
	visit(root)
	return out
}
