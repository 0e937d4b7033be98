/** QR codes, posters, the group-committed rating intake and its rollups. */
@org.jspecify.annotations.NullMarked
package io.minyi.evaluation.internal;
