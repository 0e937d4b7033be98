package io.minyi.support;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads a rendered form's controls, for the tests that check a form asks for exactly its field specification. */
public final class FormControls {

    private static final Pattern CONTROL = Pattern.compile("<(?:input|select)\\b([^>]*)>");
    private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]+)\"");

    private FormControls() {
    }

    /** Form parameter → its first control's tag (a box per choice shares one name). */
    public static Map<String, String> controls(String form) {
        Map<String, String> controls = new HashMap<>();
        Matcher m = CONTROL.matcher(form);
        while (m.find()) {
            Matcher name = NAME.matcher(m.group(1));
            if (name.find()) {
                controls.putIfAbsent(name.group(1), m.group(1));
            }
        }
        return controls;
    }

    /** The label that holds the control named {@code name}. */
    public static String controlBlock(String form, String name) {
        Matcher m = Pattern.compile("<label>((?:(?!</label>).)*name=\"" + name + "\"(?:(?!</label>).)*)</label>",
                Pattern.DOTALL).matcher(form);
        assertThat(m.find()).as("a control named " + name).isTrue();
        return m.group(1);
    }
}
