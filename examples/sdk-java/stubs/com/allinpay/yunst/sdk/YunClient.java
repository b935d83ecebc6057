package com.allinpay.yunst.sdk;

import com.allinpay.yunst.sdk.bean.YunConfig;
import com.allinpay.yunst.sdk.bean.YunRequest;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.text.SimpleDateFormat;
import java.util.Base64;
import java.util.Date;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the official yunst-sdk's YunClient (see YunConfig): it reads
 * the .pfx with the JDK's KeyStore (path, pwd, alias) and the platform
 * certificate (tlCertPath), signs as spec §3.4 says, POSTs the form to
 * serverUrl and verifies the answer. request returns the answer's JSON text.
 */
public final class YunClient {
    private static YunConfig config;
    private static PrivateKey privateKey;
    private static PublicKey platformKey;

    private YunClient() {
    }

    public static void configure(YunConfig c) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = new FileInputStream(c.getPath())) {
                store.load(in, c.getPwd().toCharArray());
            }
            privateKey = (PrivateKey) store.getKey(c.getAlias(), c.getPwd().toCharArray());
            if (privateKey == null) {
                throw new IllegalArgumentException("no key with alias " + c.getAlias() + " in " + c.getPath());
            }
            try (InputStream in = new FileInputStream(c.getTlCertPath())) {
                platformKey = CertificateFactory.getInstance("X.509").generateCertificate(in).getPublicKey();
            }
            config = c;
        } catch (Exception e) {
            throw new IllegalStateException("YunClient: configure: " + e.getMessage(), e);
        }
    }

    public static String request(YunRequest request) throws Exception {
        String req = "{\"service\":" + json(request.getService()) + ",\"method\":" + json(request.getMethod())
                + ",\"param\":" + json(request.getParam()) + "}";
        // The JVM's default time zone: start it with -Duser.timezone=Asia/Shanghai.
        String timestamp = new SimpleDateFormat("yyyy-MM-dd HH:mm:ss").format(new Date());
        Signature signer = Signature.getInstance("SHA1WithRSA");
        signer.initSign(privateKey);
        signer.update(md5Base64(config.getSysId() + req + timestamp).getBytes(StandardCharsets.UTF_8));
        String form = "sysid=" + enc(config.getSysId()) + "&v=" + enc(config.getVersion()) + "&timestamp=" + enc(timestamp)
                + "&req=" + enc(req) + "&sign=" + enc(Base64.getEncoder().encodeToString(signer.sign()));
        String answer = post(form);
        Signature verifier = Signature.getInstance("SHA1WithRSA");
        verifier.initVerify(platformKey);
        verifier.update(md5Base64(field(answer, "signedValue")).getBytes(StandardCharsets.UTF_8));
        if (!verifier.verify(Base64.getDecoder().decode(field(answer, "sign")))) {
            throw new SecurityException("YunClient: the answer does not verify with " + config.getTlCertPath());
        }
        return answer;
    }

    private static String post(String form) throws Exception {
        HttpURLConnection conn = (HttpURLConnection) new URL(config.getServerUrl()).openConnection();
        conn.setRequestMethod("POST");
        conn.setDoOutput(true);
        conn.setRequestProperty("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8");
        try (OutputStream out = conn.getOutputStream()) {
            out.write(form.getBytes(StandardCharsets.UTF_8));
        }
        if (conn.getResponseCode() != 200) {
            throw new IllegalStateException("YunClient: HTTP " + conn.getResponseCode());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (InputStream in = conn.getInputStream()) {
            in.transferTo(body);
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    private static String md5Base64(String text) throws Exception {
        byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(digest);
    }

    private static String enc(String s) throws Exception {
        return URLEncoder.encode(s, "UTF-8");
    }

    // A top-level string field of the answer, unescaped (enough for the envelope).
    private static String field(String answer, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(answer);
        if (!m.find()) {
            throw new IllegalStateException("YunClient: no " + name + " in " + answer);
        }
        return m.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
    }

    private static String json(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        if (v instanceof Map) {
            StringBuilder b = new StringBuilder("{");
            for (Iterator<? extends Map.Entry<?, ?>> it = ((Map<?, ?>) v).entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<?, ?> e = it.next();
                b.append(json(String.valueOf(e.getKey()))).append(':').append(json(e.getValue()));
                if (it.hasNext()) {
                    b.append(',');
                }
            }
            return b.append('}').toString();
        }
        return "\"" + v.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
