package io.minyi.casework.internal;

import io.minyi.audit.AuditedRecords;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Where a case sits, so a county's administrator lists the audit events about the county's cases. */
@Configuration(proxyBeanMethods = false)
class CaseworkAuditing {

    @Bean
    AuditedRecords auditedCases() {
        return AuditedRecords.of("case", "cases", "jurisdiction_path");
    }
}
