package lang

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"
)

// Text is one message in both languages: fmt formats with the same verbs
// in each (Check). Chinese puts words in another order: its verbs may name
// their argument (%[2]s), English keeps them in order. Identifiers (param
// names, flags, URLs, codes) are the same in both.
type Text struct {
	En, Zh string
}

// In is the text in l.
func (t Text) In(l Lang) string {
	if l == Chinese {
		return t.Zh
	}
	return t.En
}

// Format formats the text in l with args (Message.In).
func (t Text) Format(l Lang, args ...any) string {
	return Msg(t, args...).In(l)
}

// Message is a Text with its arguments, written out once the language is
// known. An argument that is a Text or a Message is written in the same
// language: a hint inside a sentence. So are a time.Duration (8h0m0s, in
// Chinese 8 小时: take it with %s or %v) and a List. The arguments are
// kept until the message is written, maybe after a lock that guarded them
// was released: pass values that nobody changes afterwards (a copy of a
// slice of the state).
type Message struct {
	text Text
	args []any
}

// Msg is the message t with args.
func Msg(t Text, args ...any) Message { return Message{text: t, args: args} }

// Plain is a message that is the same in every language: a value where a
// hint may stand, or an empty Message for none.
func Plain(s string) Message { return Msg(Text{En: "%s", Zh: "%s"}, s) }

// Value is a message of one argument written in the language (a
// time.Duration in Chinese words) where a hint may stand.
func Value(v any) Message { return Msg(Text{En: "%v", Zh: "%v"}, v) }

// Words is a value that has its own words in each language, written as
// they are (no format): a label a table gives in both, such as an enum's
// "2 enterprise, 3 personal" and "2 企业会员，3 个人会员".
func Words(en, zh string) Message {
	return Msg(Text{En: "%[1]s", Zh: "%[2]s"}, en, zh)
}

// In writes the message in l.
func (m Message) In(l Lang) string {
	args := make([]any, len(m.args))
	for i, a := range m.args {
		switch x := a.(type) {
		case Message:
			args[i] = x.In(l)
		case Text:
			args[i] = Msg(x).In(l)
		case List:
			args[i] = x.in(l)
		case time.Duration:
			args[i] = duration(x, l)
		default:
			args[i] = a
		}
	}
	return fmt.Sprintf(m.text.In(l), args...)
}

// Check reports a text that lacks one language, or whose languages do not
// take the same arguments with the same verbs: the tables' tests run it on
// every message id. A language may write an argument twice (an English
// kept byte for byte that repeats a name) where the other writes it once.
func (t Text) Check() error {
	if t.En == "" || t.Zh == "" {
		return fmt.Errorf("lang: a text without both languages: en %q, zh %q", t.En, t.Zh)
	}
	en, zh := verbs(t.En), verbs(t.Zh)
	if !slices.Equal(en, zh) {
		return fmt.Errorf("lang: the verbs differ: en %q has %v, zh %q has %v", t.En, en, t.Zh, zh)
	}
	return nil
}

// CheckTable is Check of every text of a package's table, each error naming
// its message id (its index).
func CheckTable(texts []Text) error {
	var errs []error
	for id, t := range texts {
		if err := t.Check(); err != nil {
			errs = append(errs, fmt.Errorf("message id %d: %w", id, err))
		}
	}
	return errors.Join(errs...)
}

// verbs lists the verbs of a format, each with the argument it takes, in
// the order of the arguments, once each: "%[2]s %[1]d", "%d %s" and
// "%d %s %[2]s" all give ["1:d", "2:s"].
func verbs(format string) []string {
	var out []string
	next := 1
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		if i < len(format) && format[i] == '%' {
			continue // a literal %
		}
		for i < len(format) && isFlag(format[i]) {
			i++
		}
		if i < len(format) && format[i] == '[' {
			end := i + 1
			for end < len(format) && format[end] != ']' {
				end++
			}
			if n, err := strconv.Atoi(format[i+1 : min(end, len(format))]); err == nil {
				next = n
			}
			i = end + 1
		}
		for i < len(format) && isWidth(format[i]) {
			i++
		}
		if i < len(format) {
			out = append(out, strconv.Itoa(next)+":"+string(format[i]))
			next++
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func isFlag(c byte) bool  { return c == '+' || c == '-' || c == '#' || c == ' ' || c == '0' }
func isWidth(c byte) bool { return c == '.' || c == '*' || (c >= '0' && c <= '9') }
