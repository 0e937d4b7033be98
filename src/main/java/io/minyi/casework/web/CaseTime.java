package io.minyi.casework.web;

import io.minyi.platform.CityTime;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** Times on casework pages, in China time whatever the server's zone: {@code ${@caseTime.format(t)}}. */
@Component("caseTime")
public class CaseTime {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(CityTime.ZONE);

    public String format(Instant t) {
        return t == null ? "" : FORMAT.format(t);
    }
}
