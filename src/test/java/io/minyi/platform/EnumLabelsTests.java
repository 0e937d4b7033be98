package io.minyi.platform;

import io.minyi.casework.CaseState;
import io.minyi.casework.CaseType;
import io.minyi.casework.Outcome;
import io.minyi.casework.RiskLevel;
import io.minyi.casework.SourceChannel;
import io.minyi.casework.TransferTarget;
import io.minyi.casework.internal.Move;
import io.minyi.org.GridType;
import io.minyi.org.JurisdictionLevel;
import io.minyi.org.Role;
import io.minyi.org.UnitSystem;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every constant of the enums people read has its label in Chinese and in English, under the key EnumLabels uses. */
class EnumLabelsTests {

    static final List<Class<? extends Enum<?>>> SHOWN = List.of(Role.class, GridType.class, JurisdictionLevel.class,
            UnitSystem.class, CaseState.class, CaseType.class, SourceChannel.class, RiskLevel.class, Outcome.class,
            TransferTarget.class, Move.class, io.minyi.casework.internal.Satisfaction.class,
            io.minyi.dispute.internal.Guidance.class, io.minyi.dispute.internal.MediatorKind.class,
            io.minyi.dispute.internal.OrgKind.class, io.minyi.dispute.internal.PartyKind.class,
            io.minyi.dispute.internal.PartyRole.class, io.minyi.dispute.internal.RiskFactor.class,
            io.minyi.dispute.internal.Signature.class, io.minyi.dispute.internal.DisputeSource.class,
            io.minyi.dispute.internal.DisputeStatus.class, io.minyi.dispute.internal.ConfirmationStatus.class,
            io.minyi.dispute.internal.Performance.class);

    @Test
    void every_constant_shown_to_people_has_a_chinese_and_an_english_label() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("messages/org", "messages/casework", "messages/dispute");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        EnumLabels labels = new EnumLabels(messages);
        List<String> missing = new ArrayList<>();
        for (Class<? extends Enum<?>> type : SHOWN) {
            for (Enum<?> value : type.getEnumConstants()) {
                String zh = labels.of(value, Locale.SIMPLIFIED_CHINESE);
                String en = labels.of(value, Locale.ENGLISH);
                if (zh.equals(value.name()) || en.equals(value.name()) || zh.equals(en)) {
                    missing.add(EnumLabels.key(value) + " zh=" + zh + " en=" + en);
                }
            }
        }
        assertThat(missing).isEmpty();
        assertThat(EnumLabels.key(Role.ADMIN)).isEqualTo("org.role.ADMIN");
        assertThat(EnumLabels.key(Move.RECEIVE)).isEqualTo("casework.move.RECEIVE");
        assertThat(labels.of(CaseState.MERGED, Locale.SIMPLIFIED_CHINESE)).isEqualTo(CaseState.MERGED.publicLabel());
        assertThat(Stream.of(Role.values()).map(r -> labels.of(r, Locale.SIMPLIFIED_CHINESE)))
                .containsExactlyElementsOf(Stream.of(Role.values()).map(Role::label).toList());
    }
}
