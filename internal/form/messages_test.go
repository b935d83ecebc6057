package form

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/lang"
)

// TestNotAFormInChinese: a JSON body (a Java RestTemplate's habit) is
// explained in English as always, and in Chinese too; the table's texts
// have both languages, with the same verbs.
func TestNotAFormInChinese(t *testing.T) {
	texts := messages()
	require.NoError(t, lang.CheckTable(texts[:]))
	r := httptest.NewRequest("POST", "/service/soa", strings.NewReader(`{"sysid":"1"}`))
	r.Header.Set("Content-Type", "application/json")
	_, serr := Read(httptest.NewRecorder(), r, 64)
	require.NotNil(t, serr)
	assert.Equal(t, "参数错误: the POST body is application/json; send sysid, sign, timestamp, v and req as application/x-www-form-urlencoded",
		serr.Message)
	assert.Equal(t, "参数错误: 请求体是 application/json；请把 sysid、sign、timestamp、v、req 以 application/x-www-form-urlencoded 表单发送",
		serr.In(lang.Chinese).Message)
}
