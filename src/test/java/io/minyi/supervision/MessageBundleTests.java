package io.minyi.supervision;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class MessageBundleTests {

    @ParameterizedTest
    @ValueSource(strings = {"supervision", "reporting", "notification"})
    void every_key_exists_in_chinese_and_in_english(String bundle) throws Exception {
        Properties zh = load("messages/" + bundle + ".properties");
        Properties en = load("messages/" + bundle + "_en.properties");
        assertThat(zh.stringPropertyNames()).isNotEmpty().containsExactlyInAnyOrderElementsOf(en.stringPropertyNames());
        assertThat(zh.stringPropertyNames()).allMatch(k -> k.startsWith(bundle + "."));
    }

    private static Properties load(String path) throws Exception {
        Properties p = new Properties();
        try (var in = MessageBundleTests.class.getClassLoader().getResourceAsStream(path)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
