package soa

// Type is the JSON type of a param or a response field.
type Type int

// The types a param can have. String is the zero value, as most params are strings.
const (
	String Type = iota // a JSON string (a number is accepted and read as its text)
	Int                // a JSON integer, in fen for amounts (a string holding an integer is accepted)
	Bool               // true or false (the strings "true" and "false" are accepted)
	Object             // a JSON object; Fields are its known keys, none means free-form
	Array              // a JSON array; Fields are the keys of its object items, none means free-form
	Any                // any JSON value; Fields, if any, apply when the value is an object
)

// String returns the type's name as messages use it: "string", "int", "bool", "object",
// "array" or "any".
func (t Type) String() string {
	switch t {
	case String:
		return "string"
	case Int:
		return "int"
	case Bool:
		return "bool"
	case Object:
		return "object"
	case Array:
		return "array"
	case Any:
		return "any"
	}
	return "Type(?)"
}

// Wildcard as a Param name stands for every key of the enclosing object that no sibling names,
// e.g. the pay-method keys of payMethod ({"QUICKPAY_VSP":{...}}); as a path segment it is
// "payMethod.*.bankCardNo".
const Wildcard = "*"

// Param describes one request param or response field. Treat it as read-only.
type Param struct {
	Name     string
	Type     Type
	Required bool // absent, null, "" (and an empty array or free-form object) is 10001
	// EmptyOK makes "" a value of a Required string: the key must be sent, but may be empty,
	// as spec §5.2 asks of payMethod.*.limitPay ("" for any card).
	EmptyOK bool
	Enum    []string // allowed values as text, e.g. "2", "3"; empty means any
	// EnumCode is the errorCode of a value outside Enum when chapter 7 has one of
	// its own (source: 20013 不支持的请求来源); empty means 10000.
	EnumCode string
	// Encrypted marks a field sent as upper-case hex RSA ciphertext (PROTOCOL.md §4).
	Encrypted bool
	Fields    []Param // keys of an Object, or of each object item of an Array
	Min, Max  *int64  // bounds of an Int, when the protocol states them
	Format    string  // date format of a String, e.g. "yyyy-MM-dd"
	Doc       string  // meaning, e.g. "2 enterprise, 3 personal"
}

// Method describes one service method of PROTOCOL.md §7. Treat it as read-only.
type Method struct {
	Service, Name string
	Params        []Param
	// PageFlow methods are opened in the browser at Page (PROTOCOL.md §6), not called on
	// /service/soa. OrderService.pay is both: an RPC entry and two page entries.
	PageFlow bool
	Page     string
	// Returns are the fields of the answer (signedValue, or returnValue for page flows).
	Returns []Param
	// EncryptedResponse are the dotted paths of Returns the platform encrypts for the merchant.
	EncryptedResponse []string
	// Sic marks a name that the platform misspells; callers must send it as written.
	Sic bool
	// LookAlikes are names callers write by mistake for this method; Lookup suggests it.
	LookAlikes []string
	Doc        string
}

// FullName is "Service.method", e.g. "MemberService.createMember".
func (m *Method) FullName() string { return m.Service + "." + m.Name }
