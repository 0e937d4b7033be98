package io.minyi.integration.internal;

import java.time.Instant;

/**
 * One service request as GeoReport v2 shows it. {@code extendedStatus} is FixMyStreet's finer status, from the
 * loop's state.
 */
public record ServiceRequest(String serviceRequestId, String status, String extendedStatus, String statusNotes,
                             String serviceName, String serviceCode, String description, String agencyResponsible,
                             String serviceNotice, Instant requestedAt, Instant updatedAt, Instant expectedAt,
                             String address, String addressId, Double lat, Double lon, String mediaUrl) {
}
