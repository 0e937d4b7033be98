/** Campaigns, invitations, answers and results; package-private services behind the pages and SurveyFigures. */
@org.jspecify.annotations.NullMarked
package io.minyi.survey.internal;
