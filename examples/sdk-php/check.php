<?php
// The runnable form of the PHP guide in docs/sdks.md and docs/zh-CN/sdks.md
// (the guide's snippets are excerpts of this file); a test of the main
// module (internal/doctest) runs it against a tsymock:
//
//   ALLINPAY_SERVER_URL=http://127.0.0.1:6900/service/soa ALLINPAY_KEY_DIR=keys/demo \
//     php -d date.timezone=Asia/Shanghai examples/sdk-php/check.php
//
// It exits 0 when every call answered as the guide says, 1 otherwise.
require __DIR__ . '/AllinpayClient.php';

$serverUrl = getenv('ALLINPAY_SERVER_URL') ?: 'http://127.0.0.1:6900/service/soa';
$keyDir = getenv('ALLINPAY_KEY_DIR') ?: '/opt/keys';

$client = new AllinpayClient([
    'server_url'       => $serverUrl,                               // http://127.0.0.1:6900/service/soa
    'sysid'            => '100000000002',
    'private_key_path' => $keyDir . '/TEST-ONLY-100000000002.pfx',  // or TEST-ONLY-100000000002.key.pem
    'private_password' => '123456',                                 // ignored for the unencrypted .pem
    'tl_cert_path'     => $keyDir . '/TEST-ONLY-platform.cer',
    'version'          => '2.0',
]);

try {
    $bizUserId = 'sdk-php-' . uniqid();
    $member = $client->request('MemberService', 'createMember', [
        'bizUserId' => $bizUserId, 'memberType' => 3, 'source' => 1,
    ]);
    echo 'createMember OK: ', json_encode($member, JSON_UNESCAPED_UNICODE), "\n";
    $balance = $client->request('OrderService', 'queryBalance', [
        'bizUserId' => $bizUserId, 'accountSetNo' => '200126',
    ]);
    echo 'queryBalance 200126 OK: ', json_encode($balance), "\n";
} catch (AllinpayException $e) {
    fwrite(STDERR, 'sdk-php: ' . $e->getMessage() . "\n");
    exit(1);
}

try {
    $client->request('MemberService', 'createMember', ['bizUserId' => $bizUserId, 'memberType' => 3, 'source' => 1]);
    fwrite(STDERR, "sdk-php: a second createMember answered OK, want 30000\n");
    exit(1);
} catch (AllinpayException $e) {
    echo 'createMember again error: ', $e->getMessage(), "\n"; // 所属应用下已经存在此用户 (30000)
}
