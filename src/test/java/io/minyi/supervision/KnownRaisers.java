package io.minyi.supervision;

import io.minyi.casework.RaiserContacts;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Raiser contacts for the tests' own case ids, standing in for casework's implementation of the contract. */
public class KnownRaisers implements RaiserContacts {

    private final Map<Long, String[]> contacts = new ConcurrentHashMap<>();

    public void add(long caseId, String phone, String trackingCode) {
        contacts.put(caseId, new String[]{phone, trackingCode});
    }

    @Override
    public Optional<String> phoneFor(long caseId) {
        return Optional.ofNullable(contacts.get(caseId)).map(c -> c[0]);
    }

    @Override
    public Optional<String> trackingCodeFor(long caseId) {
        return Optional.ofNullable(contacts.get(caseId)).map(c -> c[1]);
    }
}
