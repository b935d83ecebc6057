// Package lang is the language tsymock writes its messages in: English,
// the default, or Chinese (--lang zh) for the Chinese merchant teams who
// use it.
//
// A message that has both texts is a Text, kept with its siblings in one
// table per package (messages.go), keyed by a message id. A Message is a
// Text with its arguments, made where the mistake is found and written out
// In the language where the answer goes: the wire, the log or a page
// speaks the server's language, a command's own lines the language of the
// person at the terminal.
//
// Two settings resolve "auto" differently (ForPeople, ForMachines): what
// only a person reads follows the locale, what a program compares (an
// answer's errorCode message, a log line) stays English unless zh is asked
// for, so that a CI run and a laptop with a Chinese locale answer the same
// bytes.
package lang

import (
	"fmt"
	"strings"
)

// Lang is a language of tsymock's messages. The zero value is English.
type Lang uint8

// The languages.
const (
	English Lang = iota // the default: every message as tsymock always wrote it
	Chinese             // 中文: the platform's own terms (时间戳, 应用, 会员, 账户集, 签名)
)

// The values of a --lang setting.
const (
	Auto = "auto" // the locale for people, English for machines
	En   = "en"
	Zh   = "zh"
)

// String is the setting that selects l: "en" or "zh".
func (l Lang) String() string {
	if l == Chinese {
		return Zh
	}
	return En
}

// Parse reads an explicit language: "en" (or "", the default) or "zh".
func Parse(s string) (Lang, error) {
	switch s {
	case "", En:
		return English, nil
	case Zh:
		return Chinese, nil
	}
	return English, fmt.Errorf("lang: %q is not a language: want en or zh", s)
}

// ForPeople resolves a --lang setting for what only a person reads (the
// serve banner, tsymock call's lines): auto is the locale's language (see
// FromLocale).
func ForPeople(setting string, getenv func(string) string) (Lang, error) {
	if setting == Auto {
		return FromLocale(getenv), nil
	}
	return checked(setting)
}

// ForMachines resolves a --lang setting for what a program may compare
// (the wire's errorCode messages, the log, the signature diagnosis): auto
// is English, whatever the locale, so that only an explicit zh changes the
// bytes.
func ForMachines(setting string) (Lang, error) {
	if setting == Auto {
		return English, nil
	}
	return checked(setting)
}

// checked is Parse with the error a --lang flag reports.
func checked(setting string) (Lang, error) {
	l, err := Parse(setting)
	if err != nil || setting == "" {
		return English, fmt.Errorf("--lang must be auto, en or zh, not %q", setting)
	}
	return l, nil
}

// FromLocale is Chinese when the first non-empty of LC_ALL, LC_MESSAGES
// and LANG starts with "zh" (zh_CN.UTF-8, zh_TW...), as POSIX orders them
// for messages; else English.
func FromLocale(getenv func(string) string) Lang {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			if strings.HasPrefix(v, "zh") {
				return Chinese
			}
			return English
		}
	}
	return English
}
