//go:build !linux

package main

import "errors"

// realtime is Linux only.
func realtime() error { return errors.New("-rt: real-time scheduling is only set up on Linux") }
