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

// Parse reads an explicit language as a person writes it, or a locale
// (in any case): "en" (or "", the default), "zh", or a locale of either
// (zh_CN.UTF-8, zh-CN, ZH, en_US). A Chinese locale of another codeset
// than UTF-8 (zh_CN.GBK) is refused: tsymock writes Chinese in UTF-8 only.
func Parse(s string) (Lang, error) {
	if s == "" {
		return English, nil
	}
	loc := parseLocale(s)
	switch loc.language {
	case En:
		return English, nil
	case Zh:
		if loc.codeset == "" || loc.utf8() {
			return Chinese, nil
		}
		return English, fmt.Errorf("lang: %q is not UTF-8: tsymock writes Chinese in UTF-8 only", s)
	}
	return English, fmt.Errorf("lang: %q is not a language: want en or zh", s)
}

// Setting reads a --lang setting: auto (in any case, or "": an empty
// $TSYMOCK_LANG is unset, as an empty LANG is), or a language as Parse
// reads it; it returns Auto, En or Zh. The error completes a sentence
// that names where the setting came from ("--lang must be...").
func Setting(s string) (string, error) {
	if s == "" || strings.EqualFold(s, Auto) {
		return Auto, nil
	}
	l, err := Parse(s)
	if err != nil {
		return "", fmt.Errorf("must be auto, en or zh (zh_CN.UTF-8, zh-CN and ZH are zh), not %q", s)
	}
	return l.String(), nil
}

// ForPeople resolves a --lang setting for what only a person reads (the
// serve banner, tsymock call's lines): auto is the locale's language (see
// FromLocale).
func ForPeople(setting string, getenv func(string) string) (Lang, error) {
	s, err := checked(setting)
	if s == Auto {
		return FromLocale(getenv), nil
	}
	return langOf(s), err
}

// ForMachines resolves a --lang setting for what a program may compare
// (the wire's errorCode messages, the log, the signature diagnosis): auto
// is English, whatever the locale, so that only an explicit zh changes the
// bytes.
func ForMachines(setting string) (Lang, error) {
	s, err := checked(setting)
	return langOf(s), err
}

// checked is Setting with the error a --lang flag reports.
func checked(setting string) (string, error) {
	s, err := Setting(setting)
	if err != nil {
		return "", fmt.Errorf("--lang %w", err)
	}
	return s, nil
}

// langOf is the language of a setting that is not auto: English but for zh.
func langOf(setting string) Lang {
	if setting == Zh {
		return Chinese
	}
	return English
}

// FromLocale is Chinese when the first non-empty of LC_ALL, LC_MESSAGES
// and LANG, as POSIX orders them for messages, is a Chinese locale in
// UTF-8 (zh_CN.UTF-8, zh_CN.utf8, zh_TW.UTF-8); else English. A Chinese
// locale of another codeset (zh_CN.GBK, zh_CN.GB18030, or a bare zh_CN,
// which glibc reads as GB2312) is a terminal that would show tsymock's
// UTF-8 Chinese as mojibake, so it gets English.
func FromLocale(getenv func(string) string) Lang {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			if loc := parseLocale(v); loc.language == Zh && loc.codeset != "" && loc.utf8() {
				return Chinese
			}
			return English
		}
	}
	return English
}
