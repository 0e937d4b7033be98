/**
 * Shared web bits: security (login, CSRF, CSP and other headers), the page layout, locale switching and the
 * translation of exceptions into clear 4xx answers in the user's language.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web", allowedDependencies = {"platform", "org"})
@org.jspecify.annotations.NullMarked
package io.minyi.web;
