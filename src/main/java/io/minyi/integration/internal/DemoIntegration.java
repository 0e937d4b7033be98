package io.minyi.integration.internal;

import io.minyi.org.OrgDirectory;
import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * After the demo city (示范市, code 990100 — not a real division code, so a real city never matches): one Open311
 * client with a known key, printed at every start like the demo passwords, and the organisation department's demo
 * account.
 */
@Component
@Order(10)
@RequiredArgsConstructor
class DemoIntegration implements ApplicationRunner {

    static final String DEMO_CITY_CODE = "990100";
    static final String DEMO_CLIENT = "示范市 FixMyStreet";

    private static final Logger log = LoggerFactory.getLogger(DemoIntegration.class);

    private final OrgDirectory org;
    private final Open311Clients clients;
    private final Environment env;
    private final DemoAccounts accounts;

    @Override
    public void run(ApplicationArguments args) {
        if ("never".equals(env.getProperty("minyi.demo.load"))) {
            return;
        }
        org.jurisdictionByCode(DEMO_CITY_CODE).ifPresent(city -> {
            String key = env.getProperty("minyi.demo.open311-key", "demo-open311-key-Minyi2026");
            clients.ensure(DEMO_CLIENT, key, city.id(), 600);
            boolean keyWorks = clients.authenticate(key).isPresent();
            accounts.ensureOrgDepartment(city.id(), env.getProperty("minyi.demo.password", "Minyi@2026"));
            if (keyWorks) {
                log.info("""

                        ================================================================
                         Open311 GeoReport v2: /open311/v2/discovery.json
                         Demo client "{}": api_key={}
                         12345 hotline simulator: see docs/integration-12345.md
                        ================================================================""", DEMO_CLIENT, key);
            }
        });
    }
}
