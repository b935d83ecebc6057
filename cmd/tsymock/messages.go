package main

import "github.com/tsymock/tsymock/internal/lang"

// msgID names a line or hint that serve and call write for a person: the
// banner, tsymock call's own lines and what they say to check. Their texts
// are in messages, in the language of --lang (auto: the locale's).
type msgID int

// The ids of messages.
const (
	msgBannerReady msgID = iota
	msgReachNone
	msgReachUpstream
	msgSOAURL
	msgServerURLLabel
	msgServerURL
	msgDemoApp
	msgVerifiedWith
	msgAnyOther
	msgAutoApps
	msgNoneYet
	msgRegisterOne
	msgKeysLabel
	msgSignedWith
	msgVerifiesThem
	msgBundledKeys
	msgDemoKeys
	msgWebPageLabel
	msgWebPage
	msgDocsLabel
	msgDocsZh
	msgStopLabel
	msgStopKeys
	msgBannerFoot
	msgBannerLangHint
	msgDemoKeyName
	msgSealed
	msgAnswered
	msgCheck
	msgRuleAnswered
	msgBadSign
	msgNoAnswer
	msgHint20019
	msgHintClock
	msgHint20017NoEncrypt
	msgHint20017
	msgHint20000
	msgHint30019
	msgHintFault
	msgHintCert
	msgHintRefused
	msgHintTimeout
	msgHintClosed
	msgHintURL
	msgBundledKey
	msgBundledCert
	msgDecrypted
	msgNotDecrypted
	msgWouldFail
	msgLogSaysWhy
	msgCount // the number of ids, not one
)

// messages is the table of serve's and call's lines in both languages, by
// id (see lang.Text), in the spec's terms (应用, 商户私钥, 通商云公钥证书,
// 签名, 账户集, 北京时间, 返回). A Chinese check line carries its own lead
// (请检查密钥：, 不用检查…：), for msgCheck adds none in Chinese.
func messages() [msgCount]lang.Text {
	return [msgCount]lang.Text{
		msgBannerReady: {En: "tsymock %s: the Tongshangyun (通商云) API v2.0 mock is ready. TEST ONLY keys; %s.\n",
			Zh: "tsymock %s：通商云 API v2.0 模拟服务已就绪。密钥仅供测试；%s。\n"},
		msgReachNone:     {En: "it never calls Allinpay", Zh: "不会连接通联（Allinpay）的任何系统"},
		msgReachUpstream: {En: "calls no scenario answers go to the upstream %s", Zh: "场景规则没有应答的调用转发到上游 %s"},
		msgSOAURL: {En: "your SDK's server address (the Java SDK's serverUrl, ALLINPAY_SERVER_URL...)",
			Zh: "SDK 的服务地址（Java SDK 的 serverUrl、ALLINPAY_SERVER_URL...）"},
		msgServerURLLabel: {En: "server URL", Zh: "基础地址"},
		msgServerURL:      {En: "for an SDK that appends %s itself", Zh: "给自己拼接 %s 的 SDK 用"},
		msgDemoApp:        {En: "the demo app: merchant key %s, password %s", Zh: "演示应用：商户私钥 %s，密码 %s"},
		msgVerifiedWith:   {En: "verified with %s", Zh: "用 %s 验签"},
		msgAnyOther:       {En: "any other", Zh: "其他任何 sysid"},
		msgAutoApps: {En: "registered on its first call signed with the demo merchant key (--auto-apps)",
			Zh: "首次收到用演示商户私钥签名的调用时自动注册（--auto-apps）"},
		msgNoneYet:      {En: "none yet", Zh: "暂无"},
		msgRegisterOne:  {En: "register one with --app SYSID=CERT, or POST /__tsymock/apps", Zh: "用 --app SYSID=CERT 或 POST /__tsymock/apps 注册应用"},
		msgKeysLabel:    {En: "keys", Zh: "密钥"},
		msgSignedWith:   {En: "answers signed with %s", Zh: "返回用 %s 签名"},
		msgVerifiesThem: {En: "your SDK verifies them with its certificate", Zh: "SDK 用它的证书验签"},
		msgBundledKeys:  {En: "bundled, TEST ONLY", Zh: "内置，仅供测试"},
		msgDemoKeys: {En: "`tsymock demo-keys --out DIR` writes the demo app's key and the platform's %s",
			Zh: "`tsymock demo-keys --out DIR` 写出演示应用的密钥和平台的 %s"},
		msgWebPageLabel: {En: "web page", Zh: "网页"},
		msgWebPage:      {En: "journal of calls, state, scenarios, notifications", Zh: "调用记录（journal）、状态、场景、通知"},
		msgDocsLabel:    {En: "docs", Zh: "文档"},
		msgDocsZh:       {En: "中文: %s/blob/main/README.zh-CN.md", Zh: "中文：%s/blob/main/README.zh-CN.md"},
		msgStopLabel:    {En: "stop", Zh: "停止"},
		msgStopKeys:     {En: "Ctrl+C", Zh: "按 Ctrl+C"},
		msgBannerFoot: {En: "The JSON line on stdout is for scripts; --banner off hides these lines.\n",
			Zh: "stdout 上的 JSON 行供脚本读取；--banner off 可隐藏这几行。\n"},
		msgBannerLangHint: {En: "The errorCode details (in answers and the log) and the pages' hints are English here: --lang zh (TSYMOCK_LANG=zh) " +
			"puts those of a newcomer's first errors (timestamp, signature, application, v, req, service/method, params, account set, " +
			"SMS code, encrypted field) and the pages' hints and errors in Chinese; the other details stay English.\n",
			Zh: "errorCode 的说明（应答和日志里的）和页面提示现在是英文：--lang zh（或 TSYMOCK_LANG=zh）把新手最先遇到的错误" +
				"（时间戳、签名、应用、v、req、service/method、参数、账户集、短信验证码、加密字段）的说明和页面上的提示、错误改为中文，" +
				"其余说明仍是英文。\n"},
		msgDemoKeyName: {En: "bundled demo merchant key (sysid %s)", Zh: "内置的演示商户私钥，sysid %s"},
		msgSealed:      {En: "encrypted with the platform certificate (--cert): %s", Zh: "已用通商云公钥证书（--cert）加密：%s"},
		msgAnswered:    {En: "%s answered errorCode %s %s", Zh: "%s 返回错误 %s：%s"},
		msgCheck:       {En: "  check: %s\n", Zh: "  %s\n"},
		msgRuleAnswered: {En: "nothing: a scenario rule answered this errorCode on purpose (rule %s)",
			Zh: "不用检查设置：这个 errorCode 是场景规则「%s」故意返回的"},
		msgBadSign: {En: "an answer to %s came but its sign does not verify with --cert; the call may have taken effect: %v",
			Zh: "%s 有返回，但它的 sign 用 --cert 验签不通过；调用可能已经生效：%v"},
		msgNoAnswer: {En: "no answer to %s: %v", Zh: "%s 没有返回：%v"},
		msgHint20019: {En: "the key: --key (%s) must be the private key of the certificate the server has for sysid %s; " +
			"the server's log line for this call names the key it verified with and the likely mistake",
			Zh: "请检查密钥：--key（%s）必须是服务器为 sysid %s 登记的商户证书对应的商户私钥；" +
				"服务器日志中这次调用的那一行写明了验签用的密钥和最可能的错误"},
		msgHintClock: {En: "the clock: requests carry this machine's time in China time (Asia/Shanghai); it must be within the server's " +
			"--skew of the server's clock (a server started with --clock stays at that time; one moved with POST /__tsymock/clock " +
			"runs on from where it was moved until {\"set\":\"system\"})",
			Zh: "请检查时钟：请求带的是本机的北京时间（Asia/Shanghai）；它与服务器时钟之差必须在服务器的 --skew 之内" +
				"（以 --clock 启动的服务器停在那个时间；用 POST /__tsymock/clock 调过的服务器从调到的时间继续走，" +
				"直到 {\"set\":\"system\"}）"},
		msgHint20017NoEncrypt: {En: "the encrypted fields: this field is sent encrypted with the platform certificate; without --no-encrypt " +
			"tsymock call encrypts every field the catalogue encrypts (or name it with --encrypt PATH)",
			Zh: "请检查加密字段：这个字段要用通商云公钥证书加密后发送；不加 --no-encrypt 时，" +
				"tsymock call 会加密接口目录中要求加密的每个字段（或用 --encrypt PATH 指定）"},
		msgHint20017: {En: "the encrypted fields: this field is sent encrypted with the platform certificate; tsymock call " +
			"encrypted the fields the catalogue encrypts and the --encrypt ones with --cert (%s), which must be the certificate " +
			"of the server's --platform-key; a field it left as given needs --encrypt PATH",
			Zh: "请检查加密字段：这个字段要用通商云公钥证书加密后发送；tsymock call 已用 --cert（%s）加密了接口目录中要求加密的字段" +
				"和 --encrypt 指定的字段，--cert 必须是服务器 --platform-key 对应的证书；原样发送的字段需要 --encrypt PATH"},
		msgHint20000: {En: "the sysid: the server has no application %s. The demo app is %s (unless the server runs with --no-demo-app); " +
			"register others with its --app SYSID=CERT or POST /__tsymock/apps, or start it with --auto-apps",
			Zh: "请检查 sysid：服务器上没有应用 %s。演示应用是 %s（除非服务器以 --no-demo-app 运行）；" +
				"其他应用请用服务器的 --app SYSID=CERT 或 POST /__tsymock/apps 注册，或以 --auto-apps 启动服务器"},
		msgHint30019: {En: "the account set: use one that the message lists for this application; GET /__tsymock/apps shows every application's",
			Zh: "请检查账户集：请用消息中为该应用列出的账户集；GET /__tsymock/apps 列出每个应用的账户集"},
		msgHintFault: {En: "nothing: a scenario rule forged this answer on purpose (rule %s, fault %s)",
			Zh: "不用检查 --cert 或密钥：这是场景规则「%s」故意伪造的返回（故障 %s）"},
		msgHintCert: {En: "the platform certificate: --cert (%s) must be the certificate of the key the server signs with (its --platform-key)",
			Zh: "请检查通商云公钥证书：--cert（%s）必须是服务器签名所用密钥（它的 --platform-key）的证书"},
		msgHintRefused: {En: "is tsymock serve running at %s? Its JSON ready line says where it listens (addr); --url sets the address",
			Zh: "请检查 tsymock serve 是否在 %s 运行：它的 JSON 就绪行写明了监听地址（addr）；--url 设置地址"},
		msgHintTimeout: {En: "the server at %s did not answer in time: is it stopped (SIGSTOP) or a scenario delaying the call?",
			Zh: "请检查 %s 的服务器为什么没有及时返回：它是否被暂停（SIGSTOP），或者有场景在延迟这次调用？"},
		msgHintClosed: {En: "the server at %s closed the connection without an answer (a restart, a proxy in between, or a scenario's " +
			"connection-reset): the call may have taken effect; a query (getOrderDetail, getMemberInfo) says whether it did",
			Zh: "%s 的服务器没有返回就关闭了连接（重启、中间的代理，或场景的 connection-reset）：这次调用可能已经生效；" +
				"用查询（getOrderDetail、getMemberInfo）确认"},
		msgHintURL: {En: "is %s a tsymock server's base URL (e.g. http://127.0.0.1:6900)?",
			Zh: "请检查 %s 是不是 tsymock 服务器的基础地址（例如 http://127.0.0.1:6900）"},
		msgBundledKey:  {En: "the bundled demo merchant key", Zh: "内置的演示商户私钥"},
		msgBundledCert: {En: "the bundled %s", Zh: "内置的 %s"},
		msgDecrypted:   {En: "decrypted with the merchant key (--key): %s", Zh: "已用商户私钥（--key）解密：%s"},
		msgNotDecrypted: {En: "not decrypted, it is not encrypted for --key: %s",
			Zh: "未解密，它不是为 --key 加密的：%s"},
		msgWouldFail: {En: "warning: %s.%s passed here, but Allinpay's test environment would answer %s (rule %s: %s; serve --strict refuses it)",
			Zh: "警告：%s.%s 在这里通过了，但通联的测试环境会返回 %s（规则 %s：%s；serve --strict 会拒绝它）"},
		msgLogSaysWhy: {En: "the server's log says why", Zh: "原因见服务器日志"},
	}
}

// say is the message id with args in l.
func say(l lang.Lang, id msgID, args ...any) string { return messages()[id].Format(l, args...) }
