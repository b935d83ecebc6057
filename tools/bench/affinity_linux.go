package main

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"unsafe"
)

// cpuMask is the kernel's affinity mask for sched_{get,set}affinity, room
// for 1,024 CPUs as glibc's cpu_set_t.
type cpuMask [1024 / 64]uint64

// threadCPUs is the affinity of one thread (0: the calling one). In Go,
// which moves goroutines between threads, only the process's threads
// taken together, or a locked thread's, mean something.
func threadCPUs(tid int) (cpuSet, error) {
	var m cpuMask
	_, _, errno := syscall.RawSyscall(syscall.SYS_SCHED_GETAFFINITY, uintptr(tid), unsafe.Sizeof(m), uintptr(unsafe.Pointer(&m)))
	if errno != 0 {
		return nil, errno
	}
	var set cpuSet
	for cpu := range len(m) * 64 {
		if m[cpu/64]&(1<<(cpu%64)) != 0 {
			set = append(set, cpu)
		}
	}
	return set, nil
}

// setThreadCPUs sets the affinity of one thread (0: the calling one).
func setThreadCPUs(tid int, set cpuSet) error {
	var m cpuMask
	for _, cpu := range set {
		if cpu >= len(m)*64 {
			return fmt.Errorf("bench: CPU %d: at most %d CPUs can be pinned to", cpu, len(m)*64)
		}
		m[cpu/64] |= 1 << (cpu % 64)
	}
	_, _, errno := syscall.RawSyscall(syscall.SYS_SCHED_SETAFFINITY, uintptr(tid), unsafe.Sizeof(m), uintptr(unsafe.Pointer(&m)))
	if errno != 0 {
		return errno
	}
	return nil
}

// onCPUs runs fn on a thread of its own pinned to set (fn's other
// goroutines are not). A process fn starts inherits the set: Linux gives
// a child the affinity of the thread that forked it, Go forks on the
// calling thread, and a Go child sizes GOMAXPROCS from its affinity. An
// empty set runs fn as it is.
func onCPUs(set cpuSet, fn func() error) error {
	if len(set) == 0 {
		return fn()
	}
	runtime.LockOSThread()
	before, err := threadCPUs(0)
	if err == nil {
		err = setThreadCPUs(0, set)
	}
	if err != nil {
		runtime.UnlockOSThread()
		return fmt.Errorf("bench: pin to CPUs %s: %w", set, err)
	}
	ferr := fn()
	if err := setThreadCPUs(0, before); err != nil {
		// The thread stays locked, so that no other goroutine runs on the
		// wrong CPUs; it ends with this goroutine.
		return fmt.Errorf("bench: unpin from CPUs %s: %w", set, err)
	}
	runtime.UnlockOSThread()
	return ferr
}

// pinProcess sets the affinity of every thread of this process. A thread
// the Go runtime starts meanwhile inherits the affinity of the thread that
// started it, pinned or not yet: it goes round until a pass finds every
// thread pinned.
func pinProcess(set cpuSet) error {
	for range 20 {
		tids, err := threadIDs(os.Getpid())
		if err != nil {
			return err
		}
		moved := 0
		for _, tid := range tids {
			got, err := threadCPUs(tid)
			if err == nil && slices.Equal(got, set) {
				continue
			}
			if err == nil {
				err = setThreadCPUs(tid, set)
			}
			if err != nil && !errors.Is(err, syscall.ESRCH) { // ESRCH: the thread has ended
				return fmt.Errorf("bench: pin this process to CPUs %s: %w", set, err)
			}
			moved++
		}
		if moved == 0 {
			return nil
		}
	}
	return fmt.Errorf("bench: pin this process to CPUs %s: its threads kept changing", set)
}

// checkPinned checks that every thread of a process may run on set and
// nowhere else.
func checkPinned(pid int, set cpuSet) error {
	tids, err := threadIDs(pid)
	if err != nil {
		return err
	}
	for _, tid := range tids {
		data, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%d/status", pid, tid))
		if errors.Is(err, os.ErrNotExist) {
			continue // the thread has ended
		}
		if err != nil {
			return fmt.Errorf("bench: affinity of process %d: %w", pid, err)
		}
		got, err := allowedList(string(data))
		if err != nil {
			return fmt.Errorf("bench: affinity of process %d: %w", pid, err)
		}
		if !slices.Equal(got, set) {
			return fmt.Errorf("bench: thread %d of process %d runs on CPUs %s, not %s", tid, pid, got, set)
		}
	}
	return nil
}

// allowedList reads Cpus_allowed_list from a /proc status file.
func allowedList(status string) (cpuSet, error) {
	for line := range strings.Lines(status) {
		if rest, ok := strings.CutPrefix(line, "Cpus_allowed_list:"); ok {
			return parseCPUList(rest)
		}
	}
	return nil, errors.New("no Cpus_allowed_list")
}
