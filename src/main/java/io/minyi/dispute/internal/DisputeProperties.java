package io.minyi.dispute.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * {@code minyi.dispute.*}. The Law sets no mediation time limit; the 2002 rules said "generally within one month", so
 * 30 days is a default, not law (DOMAIN.md §1).
 *
 * @param mediationDays        calendar days from acceptance to conclude a mediation (extendable by the parties)
 * @param followUpDays         follow-up visits this many days after the agreement takes effect
 * @param confirmationDays     the joint application for judicial confirmation must be made within this many days
 * @param confirmationReminderDay a reminder to the mediator on this day of that window
 * @param stabilisationDays    a HIGH risk's stabilisation task is due this many days after it is opened
 */
@ConfigurationProperties("minyi.dispute")
public record DisputeProperties(Integer mediationDays, List<Integer> followUpDays, Integer confirmationDays,
                                Integer confirmationReminderDay, Integer stabilisationDays) {

    public DisputeProperties {
        mediationDays = mediationDays == null ? 30 : mediationDays;
        followUpDays = followUpDays == null || followUpDays.isEmpty() ? List.of(7, 30) : List.copyOf(followUpDays);
        confirmationDays = confirmationDays == null ? 30 : confirmationDays;
        confirmationReminderDay = confirmationReminderDay == null ? 20 : confirmationReminderDay;
        stabilisationDays = stabilisationDays == null ? 3 : stabilisationDays;
    }
}
