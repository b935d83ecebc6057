package soa_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/tsymock/tsymock/internal/soa"
)

func ExampleDecodeReq() {
	env, err := soa.DecodeReq(`{"method":"createMember","param":{"bizUserId":"ceshitiyan","memberType":3,"source":1},"service":"MemberService"}`)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(env.Service, env.Method, env.Param["memberType"])

	_, err = soa.DecodeReq(`{"service":"MemberService"}`)
	fmt.Println(err.Code, err.Message)
	// Output:
	// MemberService createMember 3
	// 10003 参数method错误: req has no "method"; send a non-empty string such as "createMember"
}

func ExampleCheckTimestamp() {
	now := time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC) // 12:00 in China
	fmt.Println(soa.CheckTimestamp("2026-11-28 11:55:00", now, 10*time.Minute))
	fmt.Println(soa.CheckTimestamp("2026-11-28 04:00:00", now, 10*time.Minute).Message)
	// Output:
	// <nil>
	// 参数错误: timestamp 2026-11-28 04:00:00 is 8h0m0s behind the server time 2026-11-28 12:00:00 (allowed skew 10m0s); the gap is a whole number of hours: the client probably formats its clock in UTC instead of China time (UTC+8); format the timestamp in Asia/Shanghai (PHP: date.timezone, which ignores TZ; JVM: -Duser.timezone; others: TZ)
}

func ExampleCatalogue_Lookup() {
	c := soa.DefaultCatalogue()
	m, _ := c.Lookup("MemberService", "setRealName")
	fmt.Println(m.FullName(), m.EncryptedRequestPaths(), m.EncryptedResponse)

	_, err := c.Lookup("OrderService", "singleAgentPay")
	fmt.Println(err.Message)
	_, err = c.Lookup("MemberPwdService", "setPayPwd")
	fmt.Println(err.Code)
	// Output:
	// MemberService.setRealName [identityNo] [identityNo]
	// 参数method错误: unknown method "singleAgentPay" in OrderService; did you mean "signalAgentPay" (sic)?
	// 10003
}

func ExampleMethod_Validate() {
	m, _ := soa.DefaultCatalogue().Lookup("MemberService", "createMember")
	env, _ := soa.DecodeReq(`{"service":"MemberService","method":"createMember","param":{"bizUserId":"u","memberType":1,"source":1}}`)
	fmt.Println(m.Validate(env.Param).Message)
	delete(env.Param, "bizUserId")
	fmt.Println(m.Validate(env.Param).Message)
	// Output:
	// 参数错误: memberType must be one of 2|3 (2 enterprise, 3 personal), got number 1
	// 参数不能为空: bizUserId
}

func ExampleWalkEncrypted() {
	answer := map[string]any{"bindCardList": []any{
		map[string]any{"bankCardNo": "6222021234567890", "bankName": "工商银行"},
	}}
	err := soa.WalkEncrypted(answer, []string{"bindCardList[].bankCardNo"}, func(path, v string) (string, error) {
		fmt.Println("encrypting", path)
		return strings.Repeat("*", len(v)), nil // a real caller encrypts with the merchant's key
	})
	value, _ := soa.MarshalValue(answer)
	fmt.Println(value, err)
	// Output:
	// encrypting bindCardList[0].bankCardNo
	// {"bindCardList":[{"bankCardNo":"****************","bankName":"工商银行"}]} <nil>
}

func ExampleEncodeOK() {
	value, _ := soa.MarshalValue(map[string]any{"bizUserId": "ceshitiyan", "userId": "8de28bb8"})
	// sign = Base64(SHA1withRSA(platformKey, Base64(MD5(value)))), computed by package keys
	fmt.Println(string(soa.EncodeOK("1902271423530473681", value, "SIGN")))
	// Output: {"sysid":"1902271423530473681","sign":"SIGN","signedValue":"{\"userId\":\"8de28bb8\",\"bizUserId\":\"ceshitiyan\"}","status":"OK"}
}

func ExampleEncodeError() {
	e := soa.NewError("30000")
	fmt.Println(soa.ErrorSignedValue(e)) // what the platform key signs
	fmt.Println(string(soa.EncodeError(e, "SIGN")))
	// Output:
	// errorCode=30000&message=所属应用下已经存在此用户
	// {"sign":"SIGN","errorCode":"30000","message":"所属应用下已经存在此用户","signedValue":"errorCode=30000&message=所属应用下已经存在此用户","status":"error"}
}

func ExampleErrorf() {
	fmt.Println(soa.Errorf(soa.CodeMissingParam, "%s", "companyBasicInfo.legalIds"))
	// Output: soa: 10001 参数不能为空: companyBasicInfo.legalIds
}
