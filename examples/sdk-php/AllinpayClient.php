<?php
// A Tongshangyun (通商云) client of the shape most PHP SDKs have: an array of
// settings, OpenSSL for the signature (spec §3.4), a form POST to the
// gateway. It is written for tsymock's examples (docs/sdks.md); PHP SDKs of
// the field differ in their key names, not in what they need.
// Needs php-cli with the openssl extension; no curl, no Composer.

final class AllinpayException extends RuntimeException
{
    /** @var string the platform's errorCode, e.g. "30000" */
    public $errorCode;

    public function __construct(string $errorCode, string $message)
    {
        parent::__construct("$message ($errorCode)");
        $this->errorCode = $errorCode;
    }
}

final class AllinpayClient
{
    private $config;
    private $privateKey;
    private $platformCert;

    public function __construct(array $config)
    {
        foreach (['server_url', 'sysid', 'private_key_path', 'tl_cert_path'] as $key) {
            if (empty($config[$key])) {
                throw new InvalidArgumentException("AllinpayClient: setting '$key' is missing");
            }
        }
        $this->config = $config + ['private_password' => '', 'version' => '2.0'];
        $this->privateKey = $this->loadPrivateKey($this->config['private_key_path'], $this->config['private_password']);
        $this->platformCert = openssl_x509_read($this->readFile($this->config['tl_cert_path']));
        if ($this->platformCert === false) {
            throw new RuntimeException('AllinpayClient: ' . $this->config['tl_cert_path'] . ' is not an X.509 certificate');
        }
    }

    /** Sends one call and returns signedValue, decoded; an error answer throws AllinpayException. */
    public function request(string $service, string $method, array $param): array
    {
        $req = json_encode(['service' => $service, 'method' => $method, 'param' => $param],
            JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
        $timestamp = date('Y-m-d H:i:s'); // read as China time: date.timezone must be Asia/Shanghai
        $form = [
            'sysid' => $this->config['sysid'],
            'v' => $this->config['version'],
            'timestamp' => $timestamp,
            'req' => $req,
            'sign' => $this->sign($this->config['sysid'] . $req . $timestamp),
        ];
        $answer = json_decode($this->post(http_build_query($form)), true);
        if (!is_array($answer) || !isset($answer['signedValue'], $answer['sign'])) {
            throw new RuntimeException('AllinpayClient: the answer is not a signed envelope');
        }
        if (!$this->verify($answer['signedValue'], $answer['sign'])) {
            throw new RuntimeException('AllinpayClient: the answer does not verify with ' . $this->config['tl_cert_path']);
        }
        if (($answer['status'] ?? '') !== 'OK') {
            throw new AllinpayException((string)$answer['errorCode'], (string)$answer['message']);
        }
        return json_decode($answer['signedValue'], true);
    }

    // SHA1withRSA over Base64(MD5(text)), Base64-encoded (spec §3.4).
    private function sign(string $text): string
    {
        if (!openssl_sign(base64_encode(md5($text, true)), $signature, $this->privateKey, OPENSSL_ALGO_SHA1)) {
            throw new RuntimeException('AllinpayClient: openssl_sign failed: ' . openssl_error_string());
        }
        return base64_encode($signature);
    }

    private function verify(string $text, string $sign): bool
    {
        return openssl_verify(base64_encode(md5($text, true)), base64_decode($sign), $this->platformCert, OPENSSL_ALGO_SHA1) === 1;
    }

    private function post(string $body): string
    {
        $context = stream_context_create(['http' => [
            'method' => 'POST',
            'header' => "Content-Type: application/x-www-form-urlencoded;charset=UTF-8\r\n",
            'content' => $body,
            'timeout' => 10,
            'ignore_errors' => true,
        ]]);
        $answer = file_get_contents($this->config['server_url'], false, $context);
        if ($answer === false) {
            throw new RuntimeException('AllinpayClient: no answer from ' . $this->config['server_url']);
        }
        return $answer;
    }

    // A .pfx (PKCS#12) with its password, or a PEM private key.
    private function loadPrivateKey(string $path, string $password)
    {
        $data = $this->readFile($path);
        if (substr($path, -4) === '.pfx' || substr($path, -4) === '.p12') {
            if (!openssl_pkcs12_read($data, $certs, $password)) {
                throw new RuntimeException("AllinpayClient: cannot read $path (wrong password, or an RC2-40 .pfx that OpenSSL 3 reads only with its legacy provider)");
            }
            return openssl_pkey_get_private($certs['pkey']);
        }
        $key = openssl_pkey_get_private($data, $password);
        if ($key === false) {
            throw new RuntimeException("AllinpayClient: $path is not a PEM private key");
        }
        return $key;
    }

    private function readFile(string $path): string
    {
        $data = @file_get_contents($path);
        if ($data === false) {
            throw new RuntimeException("AllinpayClient: cannot read $path");
        }
        return $data;
    }
}
