package wal_test

import (
	"fmt"
	"log"
	"os"

	"github.com/tsymock/tsymock/internal/wal"
)

// ExampleOpen logs two state changes, acknowledging each only once it is
// durable, then restarts and replays them.
func ExampleOpen() {
	dir, err := os.MkdirTemp("", "wal-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	l, _, err := wal.Open(dir, nil)
	if err != nil {
		log.Fatal(err)
	}
	for _, change := range []string{"create member u1", "deposit 100 to u1"} {
		lsn, err := l.Append([]byte(change))
		if err != nil {
			log.Fatal(err)
		}
		if err := l.Wait(lsn); err != nil {
			log.Fatal(err) // the change is not durable: answer with an error
		}
		fmt.Printf("durable %d: %s\n", lsn, change)
	}
	if err := l.Close(); err != nil {
		log.Fatal(err)
	}

	// After a restart, the state is rebuilt from the log.
	l, info, err := wal.Open(dir, func(lsn uint64, payload []byte) error {
		fmt.Printf("replay %d: %s\n", lsn, payload)
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	defer l.Close()
	lsn, _ := l.Append([]byte("withdraw 30 from u1"))
	fmt.Printf("replayed %d records; the next LSN is %d\n", info.Records, lsn)
	// Output:
	// durable 1: create member u1
	// durable 2: deposit 100 to u1
	// replay 1: create member u1
	// replay 2: deposit 100 to u1
	// replayed 2 records; the next LSN is 3
}
