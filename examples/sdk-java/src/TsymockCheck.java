import com.allinpay.yunst.sdk.YunClient;
import com.allinpay.yunst.sdk.bean.YunConfig;
import com.allinpay.yunst.sdk.bean.YunRequest;

// The runnable form of the Java guide in docs/sdks.md and docs/zh-CN/sdks.md
// (the guide's snippet is an excerpt of this file). A test of the main
// module (internal/doctest) compiles it with the stand-in classes under
// stubs/ and runs it against a tsymock:
//
//   ALLINPAY_SERVER_URL=http://127.0.0.1:6900/service/soa ALLINPAY_KEY_DIR=keys/demo \
//     java -Duser.timezone=Asia/Shanghai -cp classes TsymockCheck
//
// It exits 0 when the calls answered as the guide says, 1 otherwise.
public class TsymockCheck {
    public static void main(String[] args) throws Exception {
        String serverUrl = System.getenv().getOrDefault("ALLINPAY_SERVER_URL", "http://127.0.0.1:6900/service/soa");
        String keyDir = System.getenv().getOrDefault("ALLINPAY_KEY_DIR", "/opt/keys");

        YunConfig config = new YunConfig(
                serverUrl,                                  // http://127.0.0.1:6900/service/soa
                "100000000002",                             // sysId
                "123456",                                   // pwd
                "100000000002",                             // alias
                "2.0",                                      // version
                keyDir + "/TEST-ONLY-100000000002.pfx",     // path
                keyDir + "/TEST-ONLY-platform.cer");        // tlCertPath
        YunClient.configure(config);

        YunRequest request = new YunRequest("MemberService", "createMember");
        request.put("bizUserId", "sdk-java-" + System.nanoTime());
        request.put("memberType", 3L);
        request.put("source", 1L);
        String answer = YunClient.request(request);
        System.out.println("createMember: " + answer);
        if (!answer.contains("\"status\":\"OK\"")) {
            System.exit(1);
        }
    }
}
