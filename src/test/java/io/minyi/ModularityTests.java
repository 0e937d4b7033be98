package io.minyi;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(MinyiApplication.class);

    @Test
    void modules_only_use_each_others_published_api() {
        modules.verify();
    }

    @Test
    void module_diagrams_are_written() {
        new Documenter(modules).writeDocumentation();
    }
}
