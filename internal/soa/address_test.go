package soa

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestCheckURL: an address is an absolute http or https URL, or not sent;
// else 40029 URL格式错误 naming the param and the value (URLProblem the same
// words without the code).
func TestCheckURL(t *testing.T) {
	for _, tt := range []struct {
		raw string
		ok  bool
	}{
		{"", true}, {"http://merchant.test/back", true}, {"https://127.0.0.1:8443/x?y=1", true},
		{"/relative", false}, {"javascript:alert(1)", false}, {"ftp://merchant.test/", false}, {"http://", false},
		{"http://[::1", false}, {"notaurl", false}, {"www.shop.com/return", false},
		{"http://[::1]:8080/x", true}, {"http://商户.test/back", true}, {"http://my_host.local/x", true},
		{"http://:0/", false}, {"http://a<b>c/", false}, {"http://a b/", false},
	} {
		t.Run(tt.raw, func(t *testing.T) {
			serr := CheckURL("jumpUrl", tt.raw)
			if tt.ok {
				assert.Nil(t, serr)
				assert.Empty(t, URLProblem("jumpUrl", tt.raw))
				return
			}
			if assert.NotNil(t, serr) {
				assert.Equal(t, CodeBadURL, serr.Code)
				assert.Equal(t, "URL格式错误: "+URLProblem("jumpUrl", tt.raw), serr.Message)
				assert.Contains(t, serr.Message, `jumpUrl "`+tt.raw+`" must be an absolute http or https URL`)
			}
		})
	}
}
