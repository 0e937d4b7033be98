package io.minyi.reporting.internal;

import io.minyi.audit.AuditedRecords;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReportingProperties.class)
class ReportingConfiguration {

    @Bean
    AuditedRecords auditedDailyReports() {
        return AuditedRecords.of("daily_report", "daily_report", "jurisdiction_path");
    }
}
