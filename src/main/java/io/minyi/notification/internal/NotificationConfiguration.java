package io.minyi.notification.internal;

import io.minyi.audit.AuditedRecords;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationProperties.class)
class NotificationConfiguration {

    @Bean
    AuditedRecords auditedDeliveries() {
        return AuditedRecords.of("notification", "notification", "jurisdiction_path");
    }
}
