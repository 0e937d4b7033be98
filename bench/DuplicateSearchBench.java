import io.minyi.casework.CaseState;
import io.minyi.casework.internal.DuplicateIndex;

import java.util.Random;

/**
 * The duplicate searches alone, in memory, over N open cases that read alike (the Open311 bench's own requests, all in
 * one place): the intake's search (oldest similar cases of the place, decision 0034), the case page's (best-scoring of
 * the county), and a text with no look-alike. Issue 11; run on purpose:
 *   mvn -q -o compile && java -cp "target/classes:$(cat target/bench-classpath.txt)" bench/DuplicateSearchBench.java [n=8000]
 * Prints ms per search for four rounds of 300 searches each (the first rounds include the JIT's work).
 */
public class DuplicateSearchBench {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 8000;
        try (DuplicateIndex index = new DuplicateIndex()) {
            for (int i = 0; i < n; i++) {
                index.put(i, text(i), "/1/", CaseState.RECEIVED);
            }
            index.refresh();
            Random r = new Random(1);
            for (int round = 0; round < 4; round++) {
                long t0 = System.nanoTime();
                int hits = 0;
                for (int q = 0; q < 300; q++) {
                    hits += index.oldestSimilar(text(r.nextInt(n)), "/1/", -1, 20).size();
                }
                long t1 = System.nanoTime();
                for (int q = 0; q < 300; q++) {
                    hits += index.similar(text(r.nextInt(n)), "/1/", -1, 20).size();
                }
                long t2 = System.nanoTime();
                for (int q = 0; q < 300; q++) {
                    hits += index.similar("完全无关的内容" + q + "号楼", "/1/", -1, 20).size();
                }
                long t3 = System.nanoTime();
                System.out.printf("n=%d: intake (oldest of the place) %.3f ms | case page (best of the county) %.3f ms"
                                + " | no look-alike %.3f ms | %d hits | load average %s%n", n, (t1 - t0) / 300 / 1e6,
                        (t2 - t1) / 300 / 1e6, (t3 - t2) / 300 / 1e6, hits,
                        new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg"))).trim());
            }
        }
    }

    /** What bench/Open311Bench.java posts, as the intake stores it. */
    static String text(int i) {
        return "Open311 压测请求 " + (i % 32) + "-" + (i / 32) + "\n地点：压测路" + (i % 32) + "号";
    }
}
