package io.minyi.platform;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.util.Locale;

/**
 * The address residents' phones reach this system at ({@code minyi.public-base-url}), the one home of every link that
 * leaves the building: QR codes, posters, badge cards, SMS. Unset, it is {@code http://localhost:8080} — fine on a
 * developer's machine, useless on a printed poster — so the admin pages warn while it is unset or loopback.
 */
@Component
public class PublicBaseUrl {

    static final String FALLBACK = "http://localhost:8080";

    private final String value;
    private final boolean configured;

    public PublicBaseUrl(@Value("${minyi.public-base-url:}") String configured) {
        String v = configured == null ? "" : configured.strip();
        this.configured = !v.isEmpty();
        v = this.configured ? v : FALLBACK;
        this.value = v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
    }

    /** Without a trailing slash: {@code value() + "/e/" + code}. */
    public String value() {
        return value;
    }

    public boolean configured() {
        return configured;
    }

    /** True while printed codes would only work on this machine: unset, localhost, 127.x, ::1 or 0.0.0.0. */
    public boolean unusableOutside() {
        if (!configured) {
            return true;
        }
        String host;
        try {
            host = URI.create(value).getHost();
        } catch (IllegalArgumentException e) {
            return true;
        }
        if (host == null) {
            return true;
        }
        host = host.toLowerCase(Locale.ROOT);
        return host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("127.")
                || host.equals("[::1]") || host.equals("::1") || host.equals("0.0.0.0");
    }
}
