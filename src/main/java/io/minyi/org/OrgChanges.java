package io.minyi.org;

/**
 * The notification channels on which every commit that writes an organisation table is announced (triggers of
 * decision 0048 and V10_44), for the caches of any module that keep rows showing them ({@code ChangeHeardCache}).
 */
public final class OrgChanges {

    public static final String JURISDICTIONS = "minyi_org_jurisdiction";
    public static final String UNITS = "minyi_org_unit";
    public static final String OFFICERS = "minyi_org_officer";

    private OrgChanges() {
    }
}
