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

    /** The diagrams in docs/modules are written here, so they change in the same commit as the modules. */
    @Test
    void module_diagrams_are_written() {
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder("docs/modules")).writeDocumentation();
    }
}
