package form_test

import (
	"fmt"

	"github.com/tsymock/tsymock/internal/form"
)

// A legacy client's body: '+' for spaces, a trailing "&\r\n", an extra
// key. The signed strings come out exactly as sent.
func ExampleParse() {
	values, err := form.Parse("sysid=1902271423530473681&v=2.0&timestamp=2026-11-28+12%3A00%3A00" +
		"&sign=abc%3D&req=%7B%22service%22%3A%22MemberService%22%7D&ssoid=x&\r\n")
	if err != nil {
		fmt.Println(err)
		return
	}
	p := form.ParamsFrom(values)
	fmt.Println(p.SysID, p.Timestamp, p.Sign, p.Req, p.Extra)
	// Output: 1902271423530473681 2026-11-28 12:00:00 abc= {"service":"MemberService"} map[ssoid:x]
}
