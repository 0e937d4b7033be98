package io.minyi.supervision.internal;

import io.minyi.audit.AuditedRecords;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SupervisionProperties.class)
class SupervisionConfiguration {

    @Bean
    AuditedRecords auditedLetters() {
        return AuditedRecords.of("supervision_letter", "supervision_letter", "jurisdiction_path");
    }

    @Bean
    AuditedRecords auditedAlerts() {
        return AuditedRecords.of("supervision_alert", "supervision_alert", "jurisdiction_path");
    }
}
