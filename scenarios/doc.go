// Package scenarios makes tsymock answer on purpose: a scenario file lists
// rules, each matching some calls and saying how to answer them — an OK
// body, an error code, a delay, a broken answer — so that a test gets the
// same answer every time from an unmodified SDK. docs/scenarios.md is the
// reference of the file format.
//
//	name: payment-failures
//	rules:
//	  - name: balance too low
//	    when:
//	      service: OrderService
//	      method: consumeApply
//	      param:
//	        payMethod.BALANCE[0].amount: {gt: 100000}
//	    respond:
//	      error: {code: "40014"}   # message: the catalogue's 账户余额不足
//
// Parse and Load read files strictly: every problem is an Error naming
// file:line. A Set holds the rules in force and decides how to answer each
// call (Decide returns a Decision that the mock carries out); a Watcher
// keeps a Set in step with files that change on disk.
//
// The order in which rules are tried is fixed: the magic values first (a
// bizUserId, bizOrderNo, bizTransferNo, bizFreezenNo or bizBatchNo
// starting err-<code>- answers that code, so the request itself says what
// it wants), then rules added at run time, newest first (a test's override
// beats the files), then the files' rules, files in load order and rules in
// file order. The first rule that matches and has not retired answers; a
// rule whose answer is only a delay adds its delay and lets the following
// rules, and in the end the emulator, answer.
//
// The package knows nothing of HTTP or keys: faults are named in the
// Decision and carried out by the mock.
package scenarios
