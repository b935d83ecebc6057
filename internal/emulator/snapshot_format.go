package emulator

import "encoding/json"

// The snapshot format: what Snapshot.Encode writes and Restore reads. It
// is JSON, one object per line, each a stateLine with exactly one field
// set: a StateHeader first, then each application as an AppState followed
// by the lines of its members, orders, ledger entries and the rest, and an
// EndState last. Lines keep both sides streaming, so neither the encoder
// nor the decoder holds the whole text of a large state.
//
// The structs below are the format and nothing else: every field is
// exported, so encoding/json cannot skip one, and a change to them is a
// change to the format (bump StateVersion when a reader of the old
// version would misread the new one). TestSnapshotFieldsAreAccountedFor
// checks that every field of the state is either written here or named as
// derived or transient.

// Nanos is a time as Unix nanoseconds, as an op's tape holds it; 0 is
// no time (the zero time.Time). Read back, it is in China time, as the
// tape hands times out (see app.now).
type Nanos int64

// StateVersion is the version of the format Encode writes. Version 2 keeps
// each application's own id stream (AppState.IDs); Restore reads version 1
// too, written when every application drew from one stream.
const StateVersion = 2

// StateFormat names the format in its header.
const StateFormat = "tsymock-emulator-state"

// stateLine is one line of a snapshot: exactly one field is set.
type stateLine struct {
	Header    *StateHeader    `json:"header,omitempty"`
	App       *AppState       `json:"app,omitempty"`
	Member    *MemberState    `json:"member,omitempty"`
	Order     *OrderState     `json:"order,omitempty"`
	Entry     *EntryState     `json:"entry,omitempty"`
	Event     *EventState     `json:"event,omitempty"`
	Backfill  *BackfillState  `json:"backfill,omitempty"`
	Freeze    *FreezeState    `json:"freeze,omitempty"`
	Transfer  *TransferState  `json:"transfer,omitempty"`
	Batch     *BatchState     `json:"batch,omitempty"`
	Goods     *GoodsState     `json:"goods,omitempty"`
	Rules     *RulesState     `json:"rules,omitempty"`
	Receivers *ReceiversState `json:"receivers,omitempty"`
	Payouts   *PayoutsState   `json:"payouts,omitempty"`
	End       *EndState       `json:"end,omitempty"`
}

// StateHeader is the first line: the format and what belongs to the
// emulator rather than to one application.
type StateHeader struct {
	Format  string `json:"format"`  // StateFormat
	Version int    `json:"version"` // StateVersion
	// Events is the last sequence number given to a queued notification.
	Events uint64 `json:"events"`
	// UUIDs and Numbers are how many userIds and numbers the ops drew from
	// the shared id stream (every op in version 1; since version 2 only
	// ops of a log written before, Op.Streams StreamsShared); Restore
	// draws as many from the new emulator's source, so that a seeded
	// source goes on where it stood, and every application's numbers come
	// after these (app.draw).
	UUIDs   uint64 `json:"uuids"`
	Numbers uint64 `json:"numbers"`
	// AccountSets are the sets given to applications with SetAccountSets.
	AccountSets map[string][]string `json:"accountSets,omitempty"`
}

// EndState is the last line; Restore checks it, so that a snapshot cut
// short is refused even where its checksum was not checked.
type EndState struct {
	Lines int `json:"lines"` // the lines before it, the header included
}

// AppState opens an application: the lines after it, up to the next
// AppState or the EndState, are its own.
type AppState struct {
	SysID  string   `json:"sysid"`
	Sets   []string `json:"sets"`
	Funded bool     `json:"funded,omitempty"` // the platform's starting funds are posted
	// Platform is the platform's own member (#yunBizUserId_B2C#), once a
	// method made it.
	Platform *MemberState `json:"platform,omitempty"`
	// Details is set when the order book keeps goods or how orders were
	// made (the goods, rules, receivers and payouts lines).
	Details bool `json:"details,omitempty"`
	// IDs is where the application's own id stream stands (version 2;
	// absent in version 1, whose applications drew from the shared
	// stream the header counts: theirs start at the beginning).
	IDs *StreamState `json:"ids,omitempty"`
}

// StreamState is where an id stream stands: Restore draws as many
// userIds and numbers from a new one and takes the serial of its last
// number (ids.Source.Seek).
type StreamState struct {
	UUIDs   uint64 `json:"uuids"`
	Numbers uint64 `json:"numbers"`
	Serial  uint64 `json:"serial"`
}

// MemberState is a member. Identity, card numbers and the payment password
// are in plain text, as in the state and the log.
type MemberState struct {
	BizUserID    string        `json:"bizUserId"`
	UserID       string        `json:"userId,omitempty"`
	MemberType   int64         `json:"memberType,omitempty"`
	Source       int64         `json:"source,omitempty"`
	Created      Nanos         `json:"created,omitempty"`
	Locked       bool          `json:"locked,omitempty"`
	Phone        string        `json:"phone,omitempty"`
	SMS          []SMSState    `json:"sms,omitempty"` // codes sent, not yet used
	RealName     bool          `json:"realName,omitempty"`
	Name         string        `json:"name,omitempty"`
	IdentityType int64         `json:"identityType,omitempty"`
	IdentityNo   string        `json:"identityNo,omitempty"`
	RealNameAt   Nanos         `json:"realNameAt,omitempty"`
	Company      *CompanyState `json:"company,omitempty"`
	ContractNo   string        `json:"contractNo,omitempty"`
	ContractAt   Nanos         `json:"contractAt,omitempty"`
	PayPwd       string        `json:"payPwd,omitempty"`
	PwdFails     int           `json:"pwdFails,omitempty"`
	// PwdFailsUntil is when PwdFails and its lock end (spec §4.1.17 note
	// 7); absent in older snapshots, whose counts then end at the first
	// check by today's rules.
	PwdFailsUntil Nanos               `json:"pwdFailsUntil,omitempty"`
	Cards         []CardState         `json:"cards,omitempty"`   // by card number
	Applies       []ApplyState        `json:"applies,omitempty"` // bindings waiting for bindBankCard
	Changes       []ApplyState        `json:"changes,omitempty"` // phone changes waiting for their code
	SubAccounts   []SubAccountState   `json:"subAccounts,omitempty"`
	LastSub       string              `json:"lastSub,omitempty"`
	PayAccounts   map[string][]string `json:"payAccounts,omitempty"` // acctType → accts, in binding order
	Terminals     []TerminalState     `json:"terminals,omitempty"`   // in binding order
}

// SMSState is a code sent for one purpose (verificationCodeType) to a
// phone.
type SMSState struct {
	Kind  int64  `json:"kind"`
	Phone string `json:"phone"`
}

// CompanyState is an enterprise's submitted data and its audit.
type CompanyState struct {
	Info         map[string]string `json:"info,omitempty"`
	IdentityType int64             `json:"identityType,omitempty"`
	AuthType     int64             `json:"authType,omitempty"`
	Status       int64             `json:"status"`
	CheckTime    Nanos             `json:"checkTime,omitempty"`
	FailReason   string            `json:"failReason,omitempty"`
	Remark       string            `json:"remark,omitempty"`  // of a back-office decision
	BackURL      string            `json:"backUrl,omitempty"` // setCompanyInfo's, for a pending audit's verifyResult
}

// CardState is a bound card, or the card of a pending binding.
type CardState struct {
	CardNo     string `json:"cardNo"`
	Phone      string `json:"phone,omitempty"`
	BankName   string `json:"bankName,omitempty"`
	BankCode   string `json:"bankCode,omitempty"`
	CardType   int64  `json:"cardType,omitempty"`
	BindTime   Nanos  `json:"bindTime,omitempty"`
	SafeCard   bool   `json:"safeCard,omitempty"`
	BindMethod int64  `json:"bindMethod,omitempty"` // the cardCheck it was bound with
	UnionBank  string `json:"unionBank,omitempty"`
}

// ApplyState is a card binding or phone change waiting for its SMS code.
type ApplyState struct {
	TranceNum string    `json:"tranceNum"`
	TransDate string    `json:"transDate,omitempty"`
	At        Nanos     `json:"at,omitempty"`
	Seq       uint64    `json:"seq"`
	CardCheck int64     `json:"cardCheck,omitempty"`
	Card      CardState `json:"card"`
}

// SubAccountState is a bank sub-account in one account set.
type SubAccountState struct {
	AccountSet string `json:"accountSetNo"`
	No         string `json:"subAcctNo"`
	Org        int64  `json:"acctOrgType,omitempty"`
}

// TerminalState is a bound VSP terminal.
type TerminalState struct {
	MerchantID string `json:"vspMerchantid,omitempty"`
	CusID      string `json:"vspCusid,omitempty"`
	AppID      string `json:"appid,omitempty"`
	TermID     string `json:"vspTermid"`
	At         Nanos  `json:"at,omitempty"`
}

// OrderState is an order, in the order the application made them.
type OrderState struct {
	OrderNo      string `json:"orderNo"`
	BizOrderNo   string `json:"bizOrderNo"`
	Kind         string `json:"kind"`
	Payer        string `json:"payer,omitempty"`
	Receiver     string `json:"receiver,omitempty"`
	AccountSet   string `json:"accountSetNo,omitempty"`
	Amount       int64  `json:"amount"`
	Fee          int64  `json:"fee,omitempty"`
	Status       int    `json:"status"`
	ErrorCode    string `json:"errorCode,omitempty"`
	ErrorMessage string `json:"errorMessage,omitempty"`
	Created      Nanos  `json:"created,omitempty"`
	PaidAt       Nanos  `json:"paidAt,omitempty"`
	Expires      Nanos  `json:"expires,omitempty"`
	BackURL      string `json:"backUrl,omitempty"`
	ExtendInfo   string `json:"extendInfo,omitempty"`
	// ExtendInfoEmpty: the order's extendInfo was sent as "", which its
	// answers and getOrderDetail pass back as "" (RulesDec2026d).
	ExtendInfoEmpty bool   `json:"extendInfoEmpty,omitempty"`
	FrontURL        string `json:"frontUrl,omitempty"`
	PayMethod       string `json:"payMethod,omitempty"` // the name views show
	Phone           string `json:"phone,omitempty"`
	ResentAt        Nanos  `json:"resentAt,omitempty"`
	CodeSentAt      Nanos  `json:"codeSentAt,omitempty"`
	ValidateType    int64  `json:"validateType,omitempty"`
	ValidateSent    bool   `json:"validateSent,omitempty"`
	// Pay is the payMethod as read, one part per method in spec order.
	Pay         []PayPartState   `json:"pay,omitempty"`
	Sources     []SourceState    `json:"sources,omitempty"`
	Legs        []LegState       `json:"legs,omitempty"`
	Refunded    int64            `json:"refunded,omitempty"`
	FeeRefunded int64            `json:"feeRefunded,omitempty"`
	Shares      map[string]int64 `json:"shares,omitempty"`
	PaidOut     int64            `json:"paidOut,omitempty"`
	// Payouts are what a collection's payouts paid to whom, less what
	// refunds took back.
	Payouts []FlowState `json:"payouts,omitempty"`
	// Ori is a refund's original order: its position among the
	// application's orders, from 1; 0 for none.
	Ori         int    `json:"ori,omitempty"`
	Acct        string `json:"acct,omitempty"`
	Whereabouts int64  `json:"whereabouts,omitempty"`
	// BizBatchNo is the batchAgentPay that made a payout.
	BizBatchNo string `json:"bizBatchNo,omitempty"`
	// OriTransfer is the bizTransferNo of the applicationTransfer a refund
	// refunded (Ori is 0 then).
	OriTransfer string `json:"oriTransfer,omitempty"`
}

// PayPartState is one method of a payMethod: its key and its body as sent
// (an object, or BALANCE's array of items), numbers as json.Number.
type PayPartState struct {
	Key  string          `json:"key"`
	Body json.RawMessage `json:"body"`
}

// SourceState is where part of an order's money came from.
type SourceState struct {
	Account  AccountState  `json:"account"`
	Amount   int64         `json:"amount"`
	Key      string        `json:"key"`
	Refunded int64         `json:"refunded,omitempty"`
	Back     *AccountState `json:"back,omitempty"` // where its refunds go, when not to Account
}

// AccountState is a ledger account.
type AccountState struct {
	Owner  string `json:"owner"`
	Set    string `json:"set"`
	Frozen bool   `json:"frozen,omitempty"`
}

// FlowState is an amount in one account.
type FlowState struct {
	Account AccountState `json:"account"`
	Amount  int64        `json:"amount"`
}

// LegState moves an amount from one account to another.
type LegState struct {
	From   AccountState `json:"from"`
	To     AccountState `json:"to"`
	Amount int64        `json:"amount"`
}

// EntryState is a ledger entry, in posting order. Its number and the
// balances after it, like every balance, follow from the entries before.
type EntryState struct {
	At  Nanos    `json:"at,omitempty"`
	Ref RefState `json:"ref"`
	Leg LegState `json:"leg"`
}

// RefState ties an entry to its order.
type RefState struct {
	OrderNo    string `json:"orderNo,omitempty"`
	BizOrderNo string `json:"bizOrderNo,omitempty"`
	TradeNo    string `json:"tradeNo,omitempty"`
}

// EventState is a notification queued and not yet taken, in queue order.
// Integers in ReturnValue and Extra come back as int64, the emulator's
// type for them.
type EventState struct {
	Seq         uint64            `json:"seq"`
	Service     string            `json:"service"`
	Method      string            `json:"method"`
	BackURL     string            `json:"backUrl,omitempty"`
	Status      string            `json:"status"`
	ReturnValue map[string]any    `json:"returnValue,omitempty"`
	Extra       map[string]any    `json:"extra,omitempty"`
	ErrorCode   string            `json:"errorCode,omitempty"`
	Message     string            `json:"message,omitempty"`
	At          Nanos             `json:"at,omitempty"`
	Order       bool              `json:"order,omitempty"`
	Kind        string            `json:"kind,omitempty"`
	Form        map[string]string `json:"form,omitempty"`
	Key         string            `json:"key,omitempty"`
}

// BackfillState is a terminal payment's back-fill (spec §4.1.22).
type BackfillState struct {
	Trxid        string            `json:"trxid"`
	Form         map[string]string `json:"form"`
	OrderBackURL string            `json:"orderBackUrl,omitempty"`
	Answered     bool              `json:"answered,omitempty"`
	OrderNo      string            `json:"orderNo,omitempty"`
	Acct         string            `json:"acct,omitempty"`
	AcctType     string            `json:"accttype,omitempty"`
}

// FreezeState is one freezeMoney and what it still holds.
type FreezeState struct {
	BizFreezenNo string `json:"bizFreezenNo"`
	BizUserID    string `json:"bizUserId"`
	Set          string `json:"accountSetNo"`
	Frozen       int64  `json:"frozen"`
}

// TransferState is one applicationTransfer.
type TransferState struct {
	BizTransferNo string `json:"bizTransferNo"`
	TransferNo    string `json:"transferNo"`
	ExtendInfo    string `json:"extendInfo,omitempty"`
	// ExtendInfoEmpty: the extendInfo was sent as "", answered "" (see
	// OrderState.ExtendInfoEmpty).
	ExtendInfoEmpty bool `json:"extendInfoEmpty,omitempty"`
}

// BatchState is a bizBatchNo batchAgentPay has seen.
type BatchState struct {
	BizBatchNo string `json:"bizBatchNo"`
}

// GoodsState is what entryGoods registered.
type GoodsState struct {
	GoodsNo    string         `json:"goodsNo"`
	BizGoodsNo string         `json:"bizGoodsNo"`
	Owner      string         `json:"owner"`
	GoodsType  int64          `json:"goodsType"`
	Name       string         `json:"goodsName,omitempty"`
	Detail     string         `json:"goodsDetail,omitempty"`
	ShowURL    string         `json:"showUrl,omitempty"`
	ExtendInfo string         `json:"extendInfo,omitempty"`
	Params     map[string]any `json:"goodsParams,omitempty"` // as sent, numbers as json.Number
}

// RulesState is the split rule an order was made with.
type RulesState struct {
	OrderNo string      `json:"orderNo"`
	Rules   []RuleState `json:"rules"`
}

// RuleState is one split rule item, with its nested ones.
type RuleState struct {
	BizUserID  string      `json:"bizUserId,omitempty"`
	AccountSet string      `json:"accountSetNo,omitempty"`
	Remark     string      `json:"remark,omitempty"`
	Amount     int64       `json:"amount,omitempty"`
	Fee        int64       `json:"fee,omitempty"`
	Sub        []RuleState `json:"sub,omitempty"`
}

// ReceiversState is a collection's recieverList, one share per receiver.
type ReceiversState struct {
	OrderNo string       `json:"orderNo"`
	Shares  []ShareState `json:"shares"`
}

// ShareState is a receiver's share of a collection.
type ShareState struct {
	BizUserID string `json:"bizUserId"`
	Amount    int64  `json:"amount"`
}

// PayoutsState is what payouts took from a collection, in order.
type PayoutsState struct {
	OrderNo string       `json:"orderNo"`
	Drawn   []DrawnState `json:"drawn"`
}

// DrawnState is what one payout took from a collection for its payee.
type DrawnState struct {
	Payout string `json:"payout"`
	Payee  string `json:"payee"`
	Amount int64  `json:"amount"`
}
