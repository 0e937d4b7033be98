/** The mediation pages: ledger, workbench and the mediator pool. */
@org.jspecify.annotations.NullMarked
package io.minyi.dispute.web;
