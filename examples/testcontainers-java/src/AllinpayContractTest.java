import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

// The Testcontainers for Java recipe of docs/ci.md and docs/zh-CN/ci.md (the
// recipe is an excerpt of this file). A test of the main module
// (internal/doctest) compiles it with javac against the stand-ins in stubs/.
@SpringBootTest
@Testcontainers
class AllinpayContractTest {

    @Container
    static final GenericContainer<?> TSYMOCK = new GenericContainer<>(DockerImageName.parse("registry.example.com/tools/tsymock:v1.2.0"))
            .withExposedPorts(6900)
            .withEnv("TSYMOCK_SEED", "42")
            .withEnv("TSYMOCK_SCENARIOS", "/scenarios")
            .withEnv("TSYMOCK_ADMIN_TOKEN", "ci-admin-token") // the tests reach it through a mapped port, not loopback
            // backUrl http://host.testcontainers.internal:PORT/... reaches the app on the host
            // once Testcontainers.exposeHostPorts(PORT) has run
            .withEnv("TSYMOCK_NOTIFY_ALLOW_HOSTS", "host.testcontainers.internal")
            .withCopyFileToContainer(MountableFile.forHostPath("src/test/tsymock"), "/scenarios")
            .withCommand("serve", "--log-format", "json")
            .waitingFor(Wait.forHttp("/__tsymock/health")
                    .forPort(6900)
                    .forStatusCode(200)
                    .forResponsePredicate(body -> body.contains("\"status\":\"ok\"")));

    @DynamicPropertySource
    static void allinpay(DynamicPropertyRegistry registry) {
        registry.add("allinpay.server-url",
                () -> "http://" + TSYMOCK.getHost() + ":" + TSYMOCK.getMappedPort(6900) + "/service/soa");
    }

    // resetTsymock clears tsymock's state between tests. From outside the
    // container the admin API wants the token, or it answers 403.
    static void resetTsymock() throws Exception {
        HttpRequest reset = HttpRequest.newBuilder(URI.create(
                        "http://" + TSYMOCK.getHost() + ":" + TSYMOCK.getMappedPort(6900) + "/__tsymock/reset"))
                .header("Authorization", "Bearer ci-admin-token")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(reset, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("tsymock reset: " + answer.statusCode() + " " + answer.body());
        }
    }

    @Test
    void createsAMember() throws Exception {
        resetTsymock();
        // Your code under test, configured from allinpay.server-url (docs/sdks.md),
        // run with -Duser.timezone=Asia/Shanghai.
    }
}
