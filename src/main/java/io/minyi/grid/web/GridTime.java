package io.minyi.grid.web;

import io.minyi.grid.internal.RecordVisit;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** Times on grid pages, in China time whatever the server's zone: {@code ${@gridTime.format(t)}}. */
@Component("gridTime")
public class GridTime {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(RecordVisit.CHINA);

    public String format(Instant t) {
        return t == null ? "" : FORMAT.format(t);
    }
}
