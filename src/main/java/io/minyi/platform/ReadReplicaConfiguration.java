package io.minyi.platform;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * Puts {@link ReplicaRoutingDataSource} in front of the application's DataSource (whoever made it: Spring Boot from
 * {@code spring.datasource.*}, or the embedded database) and makes the {@link ReadReplica} from
 * {@code minyi.replica.*}. Without {@code minyi.replica.url} nothing but the read-only marking of stale sections
 * changes.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReadReplicaConfiguration.ReplicaProperties.class)
class ReadReplicaConfiguration {

    /**
     * {@code minyi.replica.*}: the hot standby's JDBC URL (unset: no replica), its account (default: the primary's),
     * the lag beyond which stale reads go back to the primary, how long a replica that refused a connection is left
     * alone, how often the lag is measured, and its pool size.
     */
    @ConfigurationProperties("minyi.replica")
    record ReplicaProperties(String url, String username, String password, Duration maxLag, Duration retryAfter,
                             Duration checkEvery, Integer poolSize) {
        ReplicaProperties {
            maxLag = maxLag == null ? Duration.ofSeconds(30) : maxLag;
            retryAfter = retryAfter == null ? Duration.ofSeconds(15) : retryAfter;
            checkEvery = checkEvery == null ? Duration.ofSeconds(5) : checkEvery;
            poolSize = poolSize == null ? 5 : poolSize;
        }
    }

    @Bean
    static BeanPostProcessor replicaRouting(ObjectProvider<ReadReplica> replica) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) throws BeansException {
                if ("dataSource".equals(name) && bean instanceof DataSource ds
                        && !(bean instanceof ReplicaRoutingDataSource)) {
                    return new ReplicaRoutingDataSource(ds, replica);
                }
                return bean;
            }
        };
    }

    @Bean(destroyMethod = "close")
    ReadReplica readReplica(ReplicaProperties props, DataSource dataSource,
                            org.springframework.core.env.Environment env) {
        if (props.url() == null || props.url().isBlank()) {
            return ReadReplica.none();
        }
        String user = props.username() != null ? props.username() : env.getProperty("spring.datasource.username");
        String password = props.password() != null ? props.password() : env.getProperty("spring.datasource.password");
        return ReadReplica.at(props.url().strip(), user, password, props.poolSize(), props.maxLag(),
                props.retryAfter(), props.checkEvery(), dataSource);
    }
}
