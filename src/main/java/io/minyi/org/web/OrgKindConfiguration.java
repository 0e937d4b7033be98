package io.minyi.org.web;

import io.minyi.audit.AuditTrail;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class OrgKindConfiguration {

    @Bean
    OrgKind.Deps orgKindDeps(JdbcClient jdbc, AuditTrail audit, MessageSource messages) {
        return new OrgKind.Deps(jdbc, audit, messages);
    }
}
