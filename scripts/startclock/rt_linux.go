package main

import (
	"fmt"
	"syscall"
	"unsafe"
)

// realtime puts this process, and so the commands it starts, in the
// SCHED_FIFO class at a low real-time priority: the other jobs of a shared
// machine then wait while a start is timed, instead of the start waiting for
// them. It needs CAP_SYS_NICE (root in most containers).
func realtime() error {
	const schedFIFO = 1
	param := struct{ priority int32 }{10}
	if _, _, errno := syscall.Syscall(syscall.SYS_SCHED_SETSCHEDULER, 0, schedFIFO, uintptr(unsafe.Pointer(&param))); errno != 0 {
		return fmt.Errorf("-rt: sched_setscheduler: %w", errno)
	}
	return nil
}
