package io.minyi.org.web;

/** Who may use the organisation console: everyone who oversees cases may read it (in scope); only ADMIN changes it. */
final class Access {

    static final String READ = "hasAnyRole('ADMIN','LEADER','DISPATCHER','SUPERVISOR','DISCIPLINE')";
    static final String WRITE = "hasRole('ADMIN')";

    private Access() {
    }
}
