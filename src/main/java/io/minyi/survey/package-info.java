/**
 * Surveys (满意度测评 / 回访调查, 安全感测评): campaigns with a questionnaire, a sample (raisers of closed cases or an
 * imported list), SMS invitations with a personal one-time link and telephone interviews, and results per unit and
 * county with a 95 % Wilson interval. Every survey figure the dashboard shows comes from these records through
 * {@link io.minyi.survey.SurveyFigures}; nothing is typed in.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Surveys",
        allowedDependencies = {"org", "platform", "casework", "audit", "notification"})
@org.jspecify.annotations.NullMarked
package io.minyi.survey;
