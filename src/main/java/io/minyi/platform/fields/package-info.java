/**
 * One field specification per kind of record, serving its form, its Excel import and export and its template. Any
 * module may describe its own kinds with it (see {@link io.minyi.platform.fields.FieldSpec}).
 */
@org.jspecify.annotations.NullMarked
package io.minyi.platform.fields;
