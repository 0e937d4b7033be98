package io.minyi.integration.internal;

import io.minyi.integration.internal.Open311Catalogue.Service;
import io.minyi.integration.internal.Open311Clients.Client;
import io.minyi.org.OrgChanges;
import io.minyi.platform.ChangeHeardCache;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Open311 clients (by their key's hash) and services this node has read: every POST asked the database for both
 * (issue 11, decision 0048). A revoked key is refused and a changed service seen as soon as the change's notification
 * arrives (V10_22: clients, services, their attributes, and units, whose names a service answers with); the
 * revocation and the service pages on this node forget at the end of their own transaction. The rules that keep it
 * right are {@link ChangeHeardCache}'s.
 */
@Component
class Open311Cache extends ChangeHeardCache {

    private final Map<String, Entry<Client>> clients = newMap();
    private final Map<String, Entry<Service>> services = newMap();

    @Override
    public List<String> channels() {
        return List.of("minyi_open311", OrgChanges.UNITS);
    }

    Optional<Client> client(String keyHash, Supplier<Optional<Client>> read) {
        return cached(clients, keyHash, read);
    }

    Optional<Service> service(String code, Supplier<Optional<Service>> read) {
        return cached(services, code, read);
    }
}
