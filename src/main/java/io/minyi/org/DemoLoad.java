package io.minyi.org;

import org.springframework.core.env.Environment;

/**
 * Whether this start-up loads demo data: {@code minyi.demo.load=always}, or {@code auto} (the default) on the embedded
 * database only, so that a production server is never filled with fiction.
 */
public final class DemoLoad {

    private DemoLoad() {
    }

    public static boolean wanted(Environment env) {
        String mode = env.getProperty("minyi.demo.load", "auto");
        boolean embedded = env.getProperty("spring.datasource.url") == null;
        return "always".equals(mode) || ("auto".equals(mode) && embedded);
    }
}
