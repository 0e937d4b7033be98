package io.minyi.org;

import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Loads the demo city into an empty database on start-up ({@code minyi.demo.load=auto} does so only for the embedded
 * database, so a production server is never filled with fiction), then prints where to go and how to sign in.
 */
@Component
@Order(0)
@RequiredArgsConstructor
class DemoCityLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoCityLoader.class);

    private final DemoCity demoCity;
    private final Environment env;
    private final ApplicationContext context;

    @Override
    public void run(ApplicationArguments args) {
        if (!DemoLoad.wanted(env) || !demoCity.isEmpty()) {
            return;
        }
        long seed = env.getProperty("minyi.demo.seed", Long.class, 20261121L);
        int scale = env.getProperty("minyi.demo.scale", Integer.class, 1);
        String password = env.getProperty("minyi.demo.password", "Minyi@2026");
        DemoCity.Summary s = demoCity.generate(seed, scale, password);
        int port = context instanceof WebServerApplicationContext web && web.getWebServer() != null
                ? web.getWebServer().getPort() : env.getProperty("server.port", Integer.class, 8080);
        log.info("""

                ================================================================
                 民意 Minyi is running: http://localhost:{}/
                 Demo city 示范市: {} counties, {} townships, {} villages, {} grids, {} units, {} officers
                 Demo logins (password {}):
                   {}
                 Resident pages need no login: open a QR code link /e/... or /t/...
                ================================================================""",
                port, s.counties(), s.townships(), s.villages(), s.grids(), s.units(), s.officers(), password,
                String.join("\n                   ", s.demoLogins()));
    }
}
