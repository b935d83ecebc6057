<?php
// A backUrl handler for the notifications of tsymock (and of Allinpay):
// the PHP snippet of docs/flow.md and docs/zh-CN/flow.md is an excerpt of
// this file, and a test of the main module (internal/doctest) serves it
// with php-cli's built-in server as the backUrl of a real notification:
//
//   ALLINPAY_TL_CERT_PATH=keys/demo/TEST-ONLY-platform.cer \
//     php -S 127.0.0.1:7541 examples/sdk-php/notify.php
//
// It answers 200 "success" to a notification whose sign verifies, and 400
// to any other request, logging what it read on the server's stderr.

// The platform's certificate: TEST-ONLY-platform.cer for tsymock, TLCert-test.cer for Allinpay.
$cert = file_get_contents(getenv('ALLINPAY_TL_CERT_PATH') ?: '/opt/keys/TEST-ONLY-platform.cer');

// $_POST is already URL-decoded (spec §3.4: 验签前需要 urldecode 解码).
$sysid = $_POST['sysid'] ?? '';
$rps = $_POST['rps'] ?? '';
$timestamp = $_POST['timestamp'] ?? '';
$sign = base64_decode($_POST['sign'] ?? '', true);

// Spec §3.4: the text is sysid + rps + timestamp; verify SHA1WithRSA over Base64(MD5(text)).
$digest = base64_encode(md5($sysid . $rps . $timestamp, true));
if ($sign === false || openssl_verify($digest, $sign, $cert, OPENSSL_ALGO_SHA1) !== 1) {
    error_log('notify: the sign does not verify');
    http_response_code(400);   // not 200: the platform sends the notification again (spec §3.7)
    exit;
}

$n = json_decode($rps, true);  // {"service","method","status","returnValue":{...}}
error_log(sprintf('notify: verified %s.%s %s %s', $n['service'], $n['method'], $n['status'],
    json_encode($n['returnValue'] ?? null, JSON_UNESCAPED_UNICODE)));
// Book the order here: $n['returnValue']['bizOrderNo'], ['amount'] (fen)...
echo 'success';                // any HTTP 200 ends the notifications (spec §3.7)
