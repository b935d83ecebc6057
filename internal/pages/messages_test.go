package pages

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/lang"
	"github.com/tsymock/tsymock/internal/soa"
)

// TestMessagesHaveBothTexts: every sentence of the pages' table has its
// English and Chinese text, with the same verbs, and every sentence the
// templates say is in it.
func TestMessagesHaveBothTexts(t *testing.T) {
	for id, text := range messages() {
		assert.NoError(t, text.Check(), id)
	}
	page, err := pageTemplates.ReadFile("templates/page.html")
	require.NoError(t, err)
	said := regexp.MustCompile(`\{\{say "(\w+)"\}\}`).FindAllStringSubmatch(string(page), -1)
	require.NotEmpty(t, said)
	for _, m := range said {
		require.Contains(t, messages(), m[1], "page.html says %s", m[1])
		// say writes them unescaped: no markup, no argument
		text := messages()[m[1]]
		for _, s := range []string{text.En, text.Zh} {
			assert.NotContains(t, s, "%", "%s takes no argument", m[1])
			assert.False(t, strings.ContainsAny(s, `<>&"`), "%s holds no markup: %s", m[1], s)
		}
	}
}

// TestPagesInChinese: a server in Chinese draws the pages' sentences for
// the tester in Chinese and the platform's own words as they are; in
// English, as tsymock always did.
func TestPagesInChinese(t *testing.T) {
	for _, tc := range []struct {
		lang      lang.Lang
		want, not []string
	}{
		{lang.English, []string{"TEST ONLY · no real money moves", "The server log says more", "请求失败"}, []string{"仅供测试"}},
		{lang.Chinese, []string{"仅供测试 · 不涉及真实资金", "服务器日志里有更多信息", "请求失败"}, []string{"TEST ONLY", "The server log"}},
	} {
		t.Run(tc.lang.String(), func(t *testing.T) {
			h := New(Config{Lang: tc.lang}, Parts{})
			rec := httptest.NewRecorder()
			h.renderPage(rec, http.StatusBadRequest, "error", map[string]string{"Code": "20019", "Message": "签名验证失败"})
			require.Equal(t, http.StatusBadRequest, rec.Code, rec.Body.String())
			for _, s := range tc.want {
				assert.Contains(t, rec.Body.String(), s)
			}
			for _, s := range tc.not {
				assert.NotContains(t, rec.Body.String(), s)
			}
		})
	}
	zh := New(Config{Lang: lang.Chinese, VerificationCode: "123456"}, Parts{})
	assert.Equal(t, "tsymock：发送到 138****0001 的短信验证码是 123456（--verification-code）。", zh.smsHint("13800000001"))
	en := New(Config{VerificationCode: "123456"}, Parts{})
	assert.Equal(t, "tsymock: the SMS code sent to 138****0001 is 123456 (--verification-code).", en.smsHint("13800000001"))
}

// TestEnglishPagesAsBefore: in English every page is byte for byte
// testdata/english (drawn by the templates of 04b36ba, before the
// sentences moved into the table; since then only the error box's
// word-break and the digit fields' inputmode were added on purpose): a
// scripted flow or a golden file of a merchant's never sees a change
// nobody meant. The data holds apostrophes and markup, escaped as always.
func TestEnglishPagesAsBefore(t *testing.T) {
	h := New(Config{}, Parts{})
	for _, name := range []string{"error", "done", "flow"} {
		t.Run(name, func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join("testdata", "english", name+".html"))
			require.NoError(t, err)
			assert.Equal(t, string(want), englishPage(h, name).Body.String())
		})
	}
}

// englishPage draws one page of each template with data that needs escaping.
func englishPage(h *Handler, name string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	switch name {
	case "error":
		h.renderPage(rec, http.StatusBadRequest, "error", map[string]string{"Code": "20019", "Message": "签名验证失败: <b>x</b> 'q'"})
	case "done":
		h.renderPage(rec, http.StatusOK, "done", map[string]string{"Title": "签约", "RPS": `{"a":"<'&'>"}`})
	default:
		v := pageView{Title: "设置支付密码", Lead: "lead's", Rows: []pageRow{{"会员", "alice's"}},
			Inputs: []pageInput{{"verificationCode", "短信验证码", "text", 6}}, Hint: "hint's", Confirm: "确认", Fail: "失败",
			FailCode: "40006", FailMessage: "用户取消支付", CodeChoice: true}
		h.renderPage(rec, http.StatusOK, "flow", flowData{pageView: v, Action: "/a", Token: "t", Error: soa.Errorf("20011", "x's")})
	}
	return rec
}

// TestChineseSaysGuifan: the Chinese sentences cite the spec in Chinese
// (规范 §4.2.9, 注 5), not "spec" or "note" (review-W 12).
func TestChineseSaysGuifan(t *testing.T) {
	for id, text := range messages() {
		assert.NotContains(t, text.Zh, "spec ", id)
		assert.NotContains(t, text.Zh, "note ", id)
	}
}
