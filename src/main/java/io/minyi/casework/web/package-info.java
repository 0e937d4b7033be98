/** Pages of the data pool: the dispatcher's pool, the unit's inbox, review, the case page and registration. */
@org.jspecify.annotations.NullMarked
package io.minyi.casework.web;
