package io.minyi.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads the staff home page's to-dos (我的待办) as a person sees them: a count on a card that links to its list. */
public final class HomeTodos {

    private HomeTodos() {
    }

    /**
     * The count of the to-do whose link is {@code href}, as the page writes it ({@code &} escaped as {@code &amp;});
     * fails when the home page shows no such to-do.
     */
    public static long count(StaffClient client, String href) {
        return count(client.get("/").body(), href);
    }

    /** As {@link #count(StaffClient, String)}, from a home page already read. */
    public static long count(String home, String href) {
        Matcher m = Pattern.compile("<a href=\"" + Pattern.quote(href)
                + "\">\\s*<span class=\"todo-count\">(\\d+)</span>").matcher(home);
        assertThat(m.find()).as("a to-do linking to " + href).isTrue();
        return Long.parseLong(m.group(1));
    }
}
