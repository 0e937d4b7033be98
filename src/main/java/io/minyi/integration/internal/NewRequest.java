package io.minyi.integration.internal;

import java.util.List;
import java.util.Map;

/**
 * A POSTed service request, as the parameters came (GeoReport v2 field names in comments). Text is stripped and
 * blank means absent; {@link Open311Desk#post} checks it.
 */
public record NewRequest(String serviceCode,          // service_code
                         String jurisdictionId,       // jurisdiction_id
                         String lat, String lon,      // lat, long
                         String addressString,        // address_string
                         String addressId,            // address_id
                         Map<String, List<String>> attributes, // attribute[code] (multivaluelist: attribute[code][])
                         String description, String mediaUrl, String firstName, String lastName, String phone,
                         String email, String deviceId, String accountId) {

    /**
     * The key of this request from this client on this day (a case's idempotency key): a digest of every field, the
     * attributes in their codes' order, so that the same request sent again has the same key and another has not.
     */
    String sameRequestKey(long clientId, java.time.LocalDate day) {
        StringBuilder all = new StringBuilder().append(clientId).append('\u0001').append(day);
        for (String f : new String[]{serviceCode, jurisdictionId, lat, lon, addressString, addressId, description,
                mediaUrl, firstName, lastName, phone, email, deviceId, accountId}) {
            all.append('\u0001').append(f == null ? "\u0002" : f);
        }
        new java.util.TreeMap<>(attributes).forEach((code, values) -> all.append('\u0001').append(code).append('=')
                .append(String.join("\u0003", values)));
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(all.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "open311:" + java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static NewRequest from(Map<String, List<String>> params) {
        Map<String, List<String>> attributes = new java.util.LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (k.startsWith("attribute[") && k.contains("]")) {
                String code = k.substring("attribute[".length(), k.indexOf(']'));
                attributes.computeIfAbsent(code, c -> new java.util.ArrayList<>())
                        .addAll(v.stream().map(String::strip).filter(s -> !s.isEmpty()).toList());
            }
        });
        return new NewRequest(one(params, "service_code"), one(params, "jurisdiction_id"), one(params, "lat"),
                one(params, "long"), one(params, "address_string"), one(params, "address_id"), attributes,
                one(params, "description"), one(params, "media_url"), one(params, "first_name"),
                one(params, "last_name"), one(params, "phone"), one(params, "email"), one(params, "device_id"),
                one(params, "account_id"));
    }

    static String one(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        if (v == null || v.isEmpty() || v.getFirst() == null) {
            return null;
        }
        String s = v.getFirst().strip();
        return s.isEmpty() ? null : s;
    }
}
