package io.minyi.dispute.internal;

import io.minyi.audit.AuditedRecords;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Where a dispute sits, so a county's administrator lists the audit events about the county's disputes. */
@Configuration(proxyBeanMethods = false)
class DisputeAuditing {

    @Bean
    AuditedRecords auditedDisputes() {
        return AuditedRecords.of("dispute", "dispute", "jurisdiction_path");
    }
}
