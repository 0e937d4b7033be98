package io.minyi.org.web;

import io.minyi.org.StaffUser;

import java.util.List;
import java.util.function.Function;
import java.util.function.IntConsumer;

/** One kind of spreadsheet import: check every row first, then write them all in one go. */
interface SheetImport {

    ImportKind kind();

    /**
     * Checks every data row (the header row is already checked) against the file and the database, inside the
     * caller's scope. Reports progress per row checked. Returns the batch to write, or null when errors were found.
     */
    Batch prepare(StaffUser me, List<Xlsx.SheetRow> rows, RowErrors errors, IntConsumer progress);

    /** Rows ready to insert; {@code insert} runs inside the import's transaction. */
    interface Batch {
        int size();

        /** Inserts everything, reporting progress in rows written; returns a summary for the audit trail. */
        String insert(IntConsumer progress);
    }

    /** A batch of {@code size} rows that {@code insert} writes. */
    static Batch batch(int size, Function<IntConsumer, String> insert) {
        return new Batch() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public String insert(IntConsumer progress) {
                return insert.apply(progress);
            }
        };
    }
}
