import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.OptionalLong;

/**
 * The evaluation ids that receipt codes stand for (decision 0062), so that a bench can check every acknowledged form
 * against the database although new rows store no code: reads lines from stdin whose last field (space-separated) is
 * a receipt code, dashes allowed, and prints each line with one more field: the id an 11-character code stands for,
 * or \N (SQL's null for COPY) for a 10-character code, which is stored with its row. Run by bench/receipt-ids.sh.
 * The app's own cipher does the work (reflection: it is internal to the evaluation module), so nothing is copied.
 */
public class ReceiptIds {
    public static void main(String[] args) throws Exception {
        Class<?> codeType = Class.forName("io.minyi.platform.TrackingCode");
        Constructor<?> code = codeType.getConstructor(String.class);
        Class<?> cipherType = Class.forName("io.minyi.evaluation.internal.ReceiptCipher");
        Constructor<?> make = cipherType.getDeclaredConstructor(byte[].class);
        make.setAccessible(true);
        // no key (a database from before V10_42): every code is one stored with its row
        String key = args.length > 0 ? args[0].strip() : "";
        Object cipher = key.isEmpty() ? null : make.newInstance((Object) HexFormat.of().parseHex(key));
        Method idOf = cipherType.getDeclaredMethod("idOf", codeType);
        idOf.setAccessible(true);
        StringBuilder out = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] fields = line.strip().split(" ");
                String c = fields[fields.length - 1].replace("-", "");
                if (c.isEmpty()) {
                    continue;
                }
                OptionalLong id = c.length() == 11 && cipher != null ? (OptionalLong) idOf.invoke(cipher, code.newInstance(c))
                        : OptionalLong.empty();
                out.append(line.strip()).append(' ').append(id.isPresent() ? Long.toString(id.getAsLong()) : "\\N")
                        .append('\n');
            }
        }
        System.out.print(out);
    }
}
