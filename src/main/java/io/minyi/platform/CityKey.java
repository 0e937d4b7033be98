package io.minyi.platform;

/**
 * The distribution key of a row (decision 0037): the city, i.e. the top jurisdiction of the row's place — the first
 * segment of its jurisdiction path {@code /city/county/township/village/}. The same rule as the database's
 * {@code city_of_path(path)}, so a writer that knows the path passes the city without asking the database.
 */
public final class CityKey {

    private CityKey() {
    }

    /** @throws IllegalArgumentException for a path that does not start with a jurisdiction id */
    public static long of(String jurisdictionPath) {
        int end = jurisdictionPath.indexOf('/', 1);
        if (!jurisdictionPath.startsWith("/") || end < 2 || !Character.isDigit(jurisdictionPath.charAt(1))) {
            throw new IllegalArgumentException("not a jurisdiction path: " + jurisdictionPath);
        }
        return Long.parseLong(jurisdictionPath, 1, end, 10);
    }
}
