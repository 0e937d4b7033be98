package io.minyi.grid.internal;

import io.minyi.platform.InvalidInputException;

/**
 * A point from the phone. Only points within China's extent are taken: a zero/zero fix or swapped coordinates from a
 * bad GPS reading would otherwise put an event in the sea.
 */
public record Coordinates(double lat, double lon) {

    static final double MIN_LAT = 3.5, MAX_LAT = 53.6, MIN_LON = 73.4, MAX_LON = 135.1;

    public Coordinates {
        if (!(lat >= MIN_LAT && lat <= MAX_LAT && lon >= MIN_LON && lon <= MAX_LON)) {
            throw new InvalidInputException("grid.invalid.location");
        }
    }

    /** Both or neither: one coordinate alone is a broken form. */
    static Coordinates ofNullable(Double lat, Double lon) {
        if (lat == null && lon == null) {
            return null;
        }
        if (lat == null || lon == null || lat.isNaN() || lon.isNaN()) {
            throw new InvalidInputException("grid.invalid.location");
        }
        return new Coordinates(lat, lon);
    }
}
