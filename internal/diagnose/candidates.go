package diagnose

import "fmt"

// candidate is a text a client may have signed instead of
// sysid+req+timestamp, and what to tell the user when it did.
type candidate struct {
	text  string
	cause string
}

// candidates lists the usual wrong texts, the most common mistakes first.
func candidates(in Input) []candidate {
	cs := []candidate{
		{in.Req + in.Timestamp, "sysid is not in the signed text: sign sysid+req+timestamp"},
		{in.SysID + in.Req, "timestamp is not in the signed text: sign sysid+req+timestamp"},
		{in.Req, "neither sysid nor timestamp is in the signed text: sign sysid+req+timestamp"},
		{in.Timestamp + in.Req + in.SysID, "signed the parts in the wrong order: sign sysid+req+timestamp"},
	}
	for _, f := range reserialisations(in.Req) {
		cs = append(cs, candidate{in.SysID + f.text + in.Timestamp,
			fmt.Sprintf("signed a differently serialised req (%s) than the one sent; sign the exact req string you send", f.name)})
	}
	return cs
}
