package io.minyi.evaluation.internal;

import io.minyi.platform.KeyedBuckets;
import org.springframework.stereotype.Component;

/** The rating form's limits: token buckets per address and per phone ({@link KeyedBuckets}). */
@Component
public class RateLimits {

    private final KeyedBuckets addresses;
    private final KeyedBuckets phones;

    RateLimits(EvaluationProperties properties) {
        var r = properties.rateLimit();
        this.addresses = new KeyedBuckets(r.perAddress(), r.perAddressPeriod());
        this.phones = new KeyedBuckets(r.perPhone(), r.perPhonePeriod());
    }

    public boolean allowAddress(String address) {
        return addresses.tryConsume(address);
    }

    public boolean allowPhone(String phoneKey) {
        return phoneKey == null || phones.tryConsume(phoneKey);
    }
}
